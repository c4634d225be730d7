/**
 * Checks on the lowered graph of a Keras 1 file, where shapes are known. Channels-first models
 * ("th" dim ordering) are what Keras 1 wrote most often and tfjs runs least well; measured with
 * @tensorflow/tfjs 4.22 on the CPU backend (channels_first output compared with the channels_last
 * layer on transposed input, same weights):
 *  - Conv2D/3D, Conv2DTranspose, DepthwiseConv2D, Max/AveragePooling2D/3D, global pooling,
 *    UpSampling2D, ZeroPadding2D, Cropping2D and ConvLSTM2D compute exactly what Keras computes;
 *  - SeparableConv2D with a bias throws when it runs ("Operands could not be broadcast together
 *    with shapes 2,7,6,4 and 1,4,1,1": the bias is reshaped for channels_first but added to the
 *    channels_last intermediate);
 *  - BatchNormalization over any axis but the last computes wrong values: the CPU kernel
 *    (tfjs-backend-cpu BatchNorm) walks mean, variance, gamma and beta cyclically along the last
 *    axis, whatever axis tfjs-layers reshaped them for. A th model's BatchNormalization(axis=1)
 *    is exactly that case.
 * Both are reported rather than compiled into a model that fails or computes something else.
 *
 * Deconvolution2D's `output_shape` (dropped, as Keras 2 drops it) is compared with the shape
 * Conv2DTranspose computes; a different shape cannot be expressed (tfjs has no output_padding).
 */
import type { Location, Path } from '../../diagnostics/diagnostic.js';
import { inferShapes, type InferResult } from '../../infer/index.js';
import type { ArgOrigin, LayerNode, ModelGraph, Origin } from '../../ir/graph.js';
import type { Keras1Context } from './context.js';

/** A path in the converted model → where it was written (structural passes undone, last first). */
function original(ctx: Keras1Context, p: Path): Path {
  let q = p;
  for (let i = ctx.pathMaps.length - 1; i >= 0; i--) q = ctx.pathMaps[i]!(q);
  return q;
}

/** Origins translated back to the text: moved layers, and renamed arguments to their Keras 1 key. */
function originsBack(graph: ModelGraph, ctx: Keras1Context): ModelGraph {
  const loc = (l: Location): Location => ({ ...l, path: original(ctx, l.path) });
  const rename = (l: Location, from: string): Location => ({ ...l, path: [...l.path.slice(0, -1), from] });
  const origin = (o: Origin, name: string): Origin => {
    const renamed = ctx.renamedArgs.get(name);
    const args = o.args && Object.fromEntries(Object.entries(o.args).map(([k, a]): [string, ArgOrigin] => {
      const from = renamed?.get(k);
      return [k, { key: loc(from ? rename(a.key, from) : a.key), value: loc(from ? rename(a.value, from) : a.value) }];
    }));
    return { ...o, at: loc(o.at), ...(args && { args }), ...(o.entry && { entry: original(ctx, o.entry) }) };
  };
  const layer = (l: LayerNode): LayerNode => ({ ...l, origin: origin(l.origin, l.name), ...(l.model && { model: back(l.model) }) });
  const back = (g: ModelGraph): ModelGraph => ({ ...g, layers: g.layers.map(layer), origin: { ...g.origin, at: loc(g.origin.at) } });
  return ctx.pathMaps.length === 0 && ctx.renamedArgs.size === 0 ? graph : back(graph);
}

function walk(graph: ModelGraph, shapes: InferResult, fn: (layer: LayerNode, shapes: InferResult) => void): void {
  for (const l of graph.layers) {
    if (l.model) {
      const nested = shapes.nested.get(l.name);
      if (nested) walk(l.model, nested, fn);
    } else fn(l, shapes);
  }
}

/** The lowered graph of a Keras 1 file: origins pointing at the text, then the shape checks. */
export function finishKeras1(lowered: ModelGraph, ctx: Keras1Context): ModelGraph {
  const graph = originsBack(lowered, ctx);
  check(graph, ctx);
  return graph;
}

function check(graph: ModelGraph, ctx: Keras1Context): void {
  const shapes = inferShapes(graph);
  const deconv = new Map(ctx.deconvShapes.map((d) => [d.layer, d]));
  walk(graph, shapes, (l, s) => {
    const input = s.layers.get(l.name)?.inputs[0]?.[0];
    const at = (arg: string) => l.origin.args?.[arg]?.value ?? l.origin.at;
    if (l.className === 'BatchNormalization' && input) {
      const axis = l.config.axis ?? -1;
      const rank = input.length;
      if (typeof axis === 'number' && rank > 2 && (axis + rank) % rank !== rank - 1) {
        ctx.reporter.report('KS1021', at('axis'), { layer: l.name, why: `it normalises axis ${axis} of a rank-${rank} input, and tfjs's CPU backend applies the moving mean, variance, gamma and beta along the last axis instead` });
      }
    }
    if (l.className === 'SeparableConv2D' && l.config.data_format === 'channels_first' && l.config.use_bias !== false) {
      ctx.reporter.report('KS1021', at('data_format'), { layer: l.name, why: 'tfjs adds the bias of a channels_first SeparableConv2D along the wrong axis and throws when the layer runs' });
    }
    const d = deconv.get(l.name);
    const out = s.layers.get(l.name)?.outputs[0]?.[0];
    if (d && out && l.className === 'Conv2DTranspose') {
      const cf = l.config.data_format === 'channels_first';
      const want = cf ? d.shape.slice(2, 4) : d.shape.slice(1, 3);
      const got = cf ? out.slice(2, 4) : out.slice(1, 3);
      if (want.some((w, i) => typeof w === 'number' && got[i] !== null && got[i] !== w)) {
        ctx.reporter.report('KS1018', { path: d.at }, { what: `Deconvolution2D ${JSON.stringify(l.name)}`, why: `its output_shape asks for ${JSON.stringify(want)} rows and columns, but Conv2DTranspose computes ${JSON.stringify(got)} from its input, and tfjs cannot pad the difference` });
      }
    }
  });
}
