/**
 * Keras's VarianceScaling distributions in tfjs: "truncated_normal" is written as tfjs's "normal"
 * with the scale divided by 0.8796², which draws Keras's distribution (tfjs would read it as a
 * uniform); "untruncated_normal", which tfjs cannot draw, is an error before anything is built.
 */
import { describe, expect, it } from 'vitest';
import { buildModel, KspecError } from '../src/build.js';
import { compile } from '../src/compile.js';

type Topology = { config: { layers: { config: Record<string, unknown> }[] } };
const firstLayer = (text: string) => (compile(text, { fileName: 'v.yaml' }).modelJSON!.modelTopology as unknown as Topology).config.layers[0]!;
const spec = (distribution: string) => `name: v\ninput_shape: [500]\nlayers:\n  - Dense(400, use_bias=False, kernel_initializer=VarianceScaling(scale=2.0, mode="fan_in", distribution="${distribution}"))\n`;
const C = 0.87962566103423978;

describe('VarianceScaling distributions', () => {
  it('writes "truncated_normal" as tfjs\'s "normal" with the scale divided by 0.8796²', () => {
    const layer = firstLayer(spec('truncated_normal'));
    expect(layer.config.kernel_initializer).toEqual({ class_name: 'VarianceScaling', config: { scale: 2 / C ** 2, mode: 'fan_in', distribution: 'normal', seed: null } });
  });

  it('draws what Keras draws: std √(scale/fan_in) after truncation at two pre-truncation stds', async () => {
    const model = await buildModel(spec('truncated_normal'), { fileName: 'v.yaml' });
    const values = Array.from(model.getWeights()[0]!.dataSync());
    model.dispose();
    const n = values.length;
    const mean = values.reduce((a, b) => a + b, 0) / n;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    const max = values.reduce((a, b) => Math.max(a, Math.abs(b)), 0);
    const target = Math.sqrt(2 / 500);
    expect(Math.abs(std / target - 1)).toBeLessThan(0.02);
    // Truncated at 2·√(scale/fan)/0.8796 ≈ 0.1438; a uniform of the same std stops at √3·std ≈ 0.1095.
    expect(max).toBeLessThanOrEqual((2 * target) / C + 1e-6);
    expect(max).toBeGreaterThan(0.13);
  });

  it('keeps "uniform" as it is', () => {
    const layer = firstLayer(spec('uniform'));
    expect(layer.config.kernel_initializer).toEqual({ class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'uniform', seed: null } });
  });

  it('refuses "untruncated_normal" with KS5013 instead of tfjs\'s load-time error', async () => {
    const r = compile(spec('untruncated_normal'), { fileName: 'v.yaml' });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['KS5013']);
    await expect(buildModel(spec('untruncated_normal'), { fileName: 'v.yaml' })).rejects.toBeInstanceOf(KspecError);
  });
});
