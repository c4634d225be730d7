/**
 * tfjs 4.22's typed factories, by the class name tfjs registers: `tf.layers.dense` for `Dense`,
 * `tf.initializers.glorotUniform` for `GlorotUniform`. Read from `@tensorflow/tfjs-layers`'s
 * exports_layers.d.ts / exports_initializers.d.ts / exports_regularizers.d.ts /
 * exports_constraints.d.ts (test/emit-ts.test.ts checks this table against tfjs itself).
 */

/** tfjs layer class → its `tf.layers` factory (each is `new Class(args)`). */
export const LAYER_FACTORIES: Readonly<Record<string, string>> = {
  InputLayer: 'inputLayer',
  ELU: 'elu',
  ReLU: 'reLU',
  LeakyReLU: 'leakyReLU',
  PReLU: 'prelu',
  Softmax: 'softmax',
  ThresholdedReLU: 'thresholdedReLU',
  Conv1D: 'conv1d',
  Conv2D: 'conv2d',
  Conv2DTranspose: 'conv2dTranspose',
  Conv3D: 'conv3d',
  Conv3DTranspose: 'conv3dTranspose',
  SeparableConv2D: 'separableConv2d',
  Cropping2D: 'cropping2D',
  UpSampling2D: 'upSampling2d',
  DepthwiseConv2D: 'depthwiseConv2d',
  Activation: 'activation',
  Dense: 'dense',
  Dropout: 'dropout',
  SpatialDropout1D: 'spatialDropout1d',
  Flatten: 'flatten',
  RepeatVector: 'repeatVector',
  Reshape: 'reshape',
  Permute: 'permute',
  Embedding: 'embedding',
  Add: 'add',
  Average: 'average',
  Concatenate: 'concatenate',
  Maximum: 'maximum',
  Minimum: 'minimum',
  Multiply: 'multiply',
  Dot: 'dot',
  BatchNormalization: 'batchNormalization',
  LayerNormalization: 'layerNormalization',
  ZeroPadding2D: 'zeroPadding2d',
  AveragePooling1D: 'averagePooling1d',
  AveragePooling2D: 'averagePooling2d',
  AveragePooling3D: 'averagePooling3d',
  GlobalAveragePooling1D: 'globalAveragePooling1d',
  GlobalAveragePooling2D: 'globalAveragePooling2d',
  GlobalMaxPooling1D: 'globalMaxPooling1d',
  GlobalMaxPooling2D: 'globalMaxPooling2d',
  MaxPooling1D: 'maxPooling1d',
  MaxPooling2D: 'maxPooling2d',
  MaxPooling3D: 'maxPooling3d',
  GRU: 'gru',
  GRUCell: 'gruCell',
  LSTM: 'lstm',
  LSTMCell: 'lstmCell',
  SimpleRNN: 'simpleRNN',
  SimpleRNNCell: 'simpleRNNCell',
  ConvLSTM2D: 'convLstm2d',
  ConvLSTM2DCell: 'convLstm2dCell',
  RNN: 'rnn',
  StackedRNNCells: 'stackedRNNCells',
  Bidirectional: 'bidirectional',
  TimeDistributed: 'timeDistributed',
  GaussianNoise: 'gaussianNoise',
  GaussianDropout: 'gaussianDropout',
  AlphaDropout: 'alphaDropout',
  Masking: 'masking',
  Rescaling: 'rescaling',
  CenterCrop: 'centerCrop',
  Resizing: 'resizing',
  CategoryEncoding: 'categoryEncoding',
  RandomWidth: 'randomWidth',
};

export type ObjectNamespace = 'initializers' | 'regularizers' | 'constraints';

/** tfjs initializer / regularizer / constraint class → its factory; `noArgs` when the factory takes none. */
export const OBJECT_FACTORIES: Readonly<Record<string, { readonly ns: ObjectNamespace; readonly fn: string; readonly noArgs?: true }>> = {
  Zeros: { ns: 'initializers', fn: 'zeros', noArgs: true },
  Ones: { ns: 'initializers', fn: 'ones', noArgs: true },
  Constant: { ns: 'initializers', fn: 'constant' },
  RandomUniform: { ns: 'initializers', fn: 'randomUniform' },
  RandomNormal: { ns: 'initializers', fn: 'randomNormal' },
  TruncatedNormal: { ns: 'initializers', fn: 'truncatedNormal' },
  Identity: { ns: 'initializers', fn: 'identity' },
  VarianceScaling: { ns: 'initializers', fn: 'varianceScaling' },
  GlorotUniform: { ns: 'initializers', fn: 'glorotUniform' },
  GlorotNormal: { ns: 'initializers', fn: 'glorotNormal' },
  HeNormal: { ns: 'initializers', fn: 'heNormal' },
  HeUniform: { ns: 'initializers', fn: 'heUniform' },
  LeCunNormal: { ns: 'initializers', fn: 'leCunNormal' },
  LeCunUniform: { ns: 'initializers', fn: 'leCunUniform' },
  Orthogonal: { ns: 'initializers', fn: 'orthogonal' },
  L1L2: { ns: 'regularizers', fn: 'l1l2' },
  MaxNorm: { ns: 'constraints', fn: 'maxNorm' },
  UnitNorm: { ns: 'constraints', fn: 'unitNorm' },
  NonNeg: { ns: 'constraints', fn: 'nonNeg', noArgs: true },
  MinMaxNorm: { ns: 'constraints', fn: 'minMaxNorm' },
};

/**
 * The activation strings tfjs's typed API lists (`ActivationIdentifier` in
 * keras_format/activation_config.d.ts). tfjs also runs others it registers (`logSoftmax`); those are
 * written with a cast to the typed union.
 */
export const TYPED_ACTIVATIONS: ReadonlySet<string> = new Set([
  'elu', 'hardSigmoid', 'linear', 'relu', 'relu6', 'selu', 'sigmoid', 'softmax', 'softplus', 'softsign', 'tanh', 'swish', 'mish', 'gelu', 'gelu_new',
]);
