/**
 * Keras 3's `to_snake_case` (keras/src/utils/naming.py): the default layer name of a class and the
 * key Keras 3's saver files each object under (`Conv2DTranspose` → `conv2d_transpose`,
 * `PReLU` → `p_re_lu`).
 */
export const toSnakeCase = (name: string): string =>
  name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
