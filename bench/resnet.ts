/**
 * Models generated for benchmarks and tests, so neither needs a downloaded model: a ResNet-50
 * topology in the Keras 2 functional wire format (177 layers: conv/BN/ReLU bottleneck blocks joined
 * by Add), and a residual MLP of any depth.
 */
type Entry = { class_name: string; config: Record<string, unknown>; name: string; inbound_nodes: unknown[] };

/** `prefix` goes before every layer name, to make distinct but equally sized copies. */
export function resnet50(prefix = ''): Record<string, unknown> {
  const layers: Entry[] = [];
  const add = (cls: string, bare: string, config: Record<string, unknown>, inputs: string[]): string => {
    const name = prefix + bare;
    layers.push({ class_name: cls, config: { name, trainable: true, dtype: 'float32', ...config }, name, inbound_nodes: inputs.length ? [inputs.map((i) => [i, 0, 0, {}])] : [] });
    return name;
  };
  const conv = (name: string, filters: number, k: number, s: number, input: string, padding = 'valid') =>
    add('Conv2D', name, { filters, kernel_size: [k, k], strides: [s, s], padding, data_format: 'channels_last', dilation_rate: [1, 1], activation: 'linear', use_bias: true, kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} } }, [input]);
  const bn = (name: string, input: string) => add('BatchNormalization', name, { axis: 3, momentum: 0.99, epsilon: 1.001e-5, center: true, scale: true }, [input]);
  const relu = (name: string, input: string) => add('Activation', name, { activation: 'relu' }, [input]);

  const input = add('InputLayer', 'input_1', { batch_input_shape: [null, 224, 224, 3], sparse: false }, []);
  let x = input;
  x = add('ZeroPadding2D', 'conv1_pad', { padding: [[3, 3], [3, 3]] }, [x]);
  x = relu('conv1_relu', bn('conv1_bn', conv('conv1_conv', 64, 7, 2, x)));
  x = add('ZeroPadding2D', 'pool1_pad', { padding: [[1, 1], [1, 1]] }, [x]);
  x = add('MaxPooling2D', 'pool1_pool', { pool_size: [3, 3], strides: [2, 2], padding: 'valid' }, [x]);
  const stages: [number, number, number][] = [[64, 3, 1], [128, 4, 2], [256, 6, 2], [512, 3, 2]];
  stages.forEach(([filters, blocks, stride], si) => {
    for (let b = 1; b <= blocks; b++) {
      const p = `conv${si + 2}_block${b}`;
      const s = b === 1 ? stride : 1;
      const shortcut = b === 1 ? bn(`${p}_0_bn`, conv(`${p}_0_conv`, 4 * filters, 1, s, x)) : x;
      let y = relu(`${p}_1_relu`, bn(`${p}_1_bn`, conv(`${p}_1_conv`, filters, 1, s, x)));
      y = relu(`${p}_2_relu`, bn(`${p}_2_bn`, conv(`${p}_2_conv`, filters, 3, 1, y, 'same')));
      y = bn(`${p}_3_bn`, conv(`${p}_3_conv`, 4 * filters, 1, 1, y));
      x = relu(`${p}_out`, add('Add', `${p}_add`, {}, [shortcut, y]));
    }
  });
  x = add('GlobalAveragePooling2D', 'avg_pool', { data_format: 'channels_last' }, [x]);
  x = add('Dense', 'predictions', { units: 1000, activation: 'softmax', use_bias: true }, [x]);
  return { class_name: 'Functional', config: { name: 'resnet50', layers, input_layers: [[input, 0, 0]], output_layers: [[x, 0, 0]] }, keras_version: '2.15.0', backend: 'tensorflow' };
}

/** A functional model of `blocks` residual blocks, four layers each (Dense, BatchNormalization, Activation, Add). */
export function residualMlp(blocks: number): string {
  const layers: unknown[] = [{ class_name: 'InputLayer', name: 'x', config: { name: 'x', batch_input_shape: [null, 16] }, inbound_nodes: [] }];
  const add = (cls: string, name: string, config: Record<string, unknown>, inputs: string[]) =>
    layers.push({ class_name: cls, name, config: { name, ...config }, inbound_nodes: [inputs.map((i) => [i, 0, 0, {}])] });
  let x = 'x';
  for (let b = 0; b < blocks; b++) {
    add('Dense', `d${b}`, { units: 16 }, [x]);
    add('BatchNormalization', `bn${b}`, {}, [`d${b}`]);
    add('Activation', `act${b}`, { activation: 'relu' }, [`bn${b}`]);
    add('Add', `add${b}`, {}, [x, `act${b}`]);
    x = `add${b}`;
  }
  return JSON.stringify({ class_name: 'Functional', config: { name: 'residual', layers, input_layers: [['x', 0, 0]], output_layers: [[x, 0, 0]] }, keras_version: '2.15.0' });
}
