/**
 * tfjs's WebAssembly backend, opt-in. On Node without tfjs-node it runs inference many times faster
 * than the pure-JS `cpu` backend (bench/build.ts measures both). tfjs has one backend per process, so
 * switching is a global choice: kspec never makes it for the user, this helper does when asked.
 */
export interface WasmOptions {
  /**
   * Where the `.wasm` binaries are served from, passed to tfjs's `setWasmPaths` (a URL prefix or a
   * file-name map). Not needed on Node: the package finds the binaries next to itself.
   */
  readonly wasmPaths?: string | Record<string, string>;
}

/** Makes `wasm` tfjs's backend. Resolves to false when the backend cannot start (as `tf.setBackend`). */
export async function useWasmBackend(options: WasmOptions = {}): Promise<boolean> {
  const tf = await import('@tensorflow/tfjs');
  const wasm = await import('@tensorflow/tfjs-backend-wasm'); // registers the 'wasm' backend
  if (options.wasmPaths !== undefined) wasm.setWasmPaths(options.wasmPaths as Parameters<typeof wasm.setWasmPaths>[0]);
  return tf.setBackend('wasm');
}
