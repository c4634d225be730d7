/**
 * Keras 1 class names → Keras 2 classes. Keras 1 writes each layer's Python class name; Keras 2
 * renamed the convolutions and folded the atrous (dilated) and TimeDistributedDense variants into
 * existing classes (keras/legacy/layers.py: `AtrousConvolution1D/2D(*args, **kwargs)` return
 * `Conv1D/2D(..., dilation_rate=atrous_rate)`; keras/layers/__init__.py aliases
 * `Deconvolution2D = Conv2DTranspose`). Their arguments are converted by the later passes, keyed
 * by the Keras 2 class.
 *
 * TimeDistributedDense (Keras 1 core.py) reshapes its 3D input to 2D, applies `W` and `b`, and
 * reshapes back; Keras 2's Dense on a 3D input computes the same thing with the same weights.
 *
 * Classes with no Keras 2 (and no tfjs) counterpart are reported: MaxoutDense and Highway (kept in
 * Keras 2.0's legacy module only, and absent from tfjs), the advanced activations
 * ParametricSoftplus and SReLU (dropped in Keras 2), and Keras 1's legacy `Graph` container.
 */
import { mapEntries, noteConverted, row, type Keras1Pass } from './context.js';

export const CLASS_RENAMES: Readonly<Record<string, string>> = {
  Convolution1D: 'Conv1D',
  Convolution2D: 'Conv2D',
  Convolution3D: 'Conv3D',
  AtrousConvolution1D: 'Conv1D',
  AtrousConvolution2D: 'Conv2D',
  Deconvolution2D: 'Conv2DTranspose',
  SeparableConvolution2D: 'SeparableConv2D',
  TimeDistributedDense: 'Dense',
};

export const UNSUPPORTED_CLASSES: Readonly<Record<string, string>> = {
  MaxoutDense: 'Keras 2 keeps it only as a deprecated legacy layer and tfjs has no such layer',
  Highway: 'Keras 2 keeps it only as a deprecated legacy layer and tfjs has no such layer',
  ParametricSoftplus: 'Keras 2 removed this activation layer and tfjs has no such layer',
  SReLU: 'Keras 2 removed this activation layer and tfjs has no such layer',
  Graph: "Keras 1's legacy Graph container has no Keras 2 form; rebuild it as a functional Model",
};

export const layerClasses: Keras1Pass = (model, path, ctx) => {
  if (model.class_name === 'Graph') {
    ctx.reporter.report('KS1018', { path: [...path, 'class_name'], part: 'value' }, { what: 'The Graph model', why: UNSUPPORTED_CLASSES.Graph! });
    return model;
  }
  return mapEntries(model, path, (entry, p) => {
    const cls = String(entry.class_name);
    const why = row(UNSUPPORTED_CLASSES, cls);
    if (why) {
      ctx.reporter.report('KS1018', { path: [...p, 'class_name'], part: 'value' }, { what: `The ${cls} layer`, why });
      return entry;
    }
    const to = row(CLASS_RENAMES, cls);
    if (!to) return entry;
    noteConverted(ctx, `${cls} → ${to}`, 'layer');
    // Keras 1 Deconvolution2D's output_shape is dropped by Keras 2 (legacy deconv2d_args_preprocessor);
    // the shape check after lowering says when it differs from what Conv2DTranspose computes.
    return { ...entry, class_name: to };
  });
};
