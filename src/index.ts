/** kspec's public API. Named exports only; tfjs is loaded only by `buildModel` and `useWasmBackend`. */
export { compile, type CompileOptions, type CompileResult } from './compile.js';
export { buildModel, KspecError, useWasmBackend, type BuildOptions, type Weights, type WasmOptions } from './build.js';
export type { Diagnostic, Location, Severity, TextEdit } from './diagnostics/diagnostic.js';
export { MESSAGES, type Code } from './diagnostics/messages.js';
export { formatDiagnostic, formatDiagnostics } from './diagnostics/format.js';
export type { ModelJSON, ModelTopology } from './emit/model-json.js';
export type { ModelGraph, LayerNode, CallNode, TensorRef } from './ir/graph.js';
export { DIALECTS, type Dialect } from './parse/detect.js';
export { SourceFile, type Span, type Position } from './source/source-file.js';
export { VERSION } from './version.js';
export { lintText, type LintOptions } from './lint/lint.js';
export type { LintFileResult, FormatContext } from './lint/types.js';
export { formatStylish } from './lint/format/stylish.js';
export { formatJson } from './lint/format/json.js';
export { formatSarif } from './lint/format/sarif.js';
export { inferShapes } from './infer/index.js';
export type { InferResult, LayerShapes, Shape } from './infer/types.js';
