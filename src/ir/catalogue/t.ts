/** Constructors for catalogue argument types and rows, so tables read like signatures. */
import type { ArgSpec, ArgType } from './types.js';

export const int = (min?: number, max?: number): ArgType => ({ t: 'int', ...(min !== undefined && { min }), ...(max !== undefined && { max }) });
export const num = (o: { min?: number; max?: number; exclusiveMin?: number; exclusiveMax?: number } = {}): ArgType => ({ t: 'number', ...o });
export const bool: ArgType = { t: 'bool' };
export const str: ArgType = { t: 'string' };
export const nul: ArgType = { t: 'null' };
export const any: ArgType = { t: 'any' };
export const activation: ArgType = { t: 'activation' };
export const initializer: ArgType = { t: 'initializer' };
export const regularizer: ArgType = { t: 'regularizer' };
export const constraint: ArgType = { t: 'constraint' };
export const dtype: ArgType = { t: 'dtype' };
export const layer: ArgType = { t: 'layer' };
export const oneOf = (...values: string[]): ArgType => ({ t: 'enum', values });
export const list = (of: ArgType, n?: number): ArgType => ({ t: 'list', of, ...(n !== undefined && { n }) });
export const union = (...of: ArgType[]): ArgType => ({ t: 'union', of });
/** `T | None`. */
export const opt = (of: ArgType): ArgType => union(of, nul);
/** An int or a tuple of `n` ints (kernel_size, strides, pool_size …). */
export const intOrTuple = (n: number, min?: number): ArgType => union(int(min), list(int(min), n));
/** A shape without the batch dimension: ints or None. */
export const shape: ArgType = list(opt(int(0)));
/** `'channels_last' | 'channels_first' | None`. */
export const dataFormat: ArgType = opt(oneOf('channels_last', 'channels_first'));
/** An axis or a list of axes. */
export const axes: ArgType = union(int(), list(int()));

/** One argument row: `arg('units', int(1), {required: true, doc: '…'})`. */
export const arg = (name: string, type: ArgType, o: Omit<ArgSpec, 'name' | 'type'>): ArgSpec => ({ name, type, ...o });
