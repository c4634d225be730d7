/**
 * Types for the parts of jsfive (pure-JS HDF5 reader, no bundled types) that src/weights/hdf5.ts
 * uses. The underscored members are jsfive internals: package.json pins jsfive's exact version,
 * and test/weights/hdf5.test.ts covers every one of them, so an upgrade that moves them fails there.
 */
declare module 'jsfive' {
  /** One header message: `type`, `size`, `flags`, and `offset_to_message` (absolute file offset). */
  export type HeaderMessage = Map<string, number>;

  export interface DataObjects {
    /** The whole file, as handed to `File`. */
    readonly fh: ArrayBuffer;
    /** File offset of the object header: the object's identity. */
    readonly offset: number;
    find_msg_type(type: number): HeaderMessage[];
    /** Links in stored order: `[name, object header address | soft-link target]`. */
    iter_links(): Iterable<[string, number | string]>;
    /** One attribute message decoded: `[name, value]` (scalar, or flat array). */
    unpack_attribute(offset: number): [string, unknown];
  }

  export class Group {
    readonly name: string;
    readonly _dataobjects: DataObjects;
    /** A child by path; null for a broken soft link. */
    get(path: string): Group | Dataset | null;
  }

  export class File extends Group {
    constructor(buffer: ArrayBuffer, filename?: string);
  }

  export class Dataset {
    readonly name: string;
    readonly _dataobjects: DataObjects;
    readonly shape: number[];
    /** Every element as a JS number (or string), decoded one by one. */
    readonly value: unknown;
  }
}
