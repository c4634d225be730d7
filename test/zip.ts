/** Zip archives written by the tests themselves, so archive tests need no binary fixtures. */
import { deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
  readonly deflate?: boolean;
  /** Sizes the directory claims, when they should lie. */
  readonly declaredSize?: number;
  readonly declaredCompressed?: number;
}

/** A zip writer with control over every field a hostile archive would forge. */
export function zip(entries: readonly ZipEntry[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = e.deflate === false ? Buffer.from(e.data) : deflateRawSync(e.data);
    const n = Buffer.from(e.name);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(e.deflate === false ? 0 : 8, 8);
    head.writeUInt32LE(e.declaredCompressed ?? data.length, 18);
    head.writeUInt32LE(e.declaredSize ?? e.data.length, 22);
    head.writeUInt16LE(n.length, 26);
    local.push(head, n, data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(e.deflate === false ? 0 : 8, 10);
    dir.writeUInt32LE(e.declaredCompressed ?? data.length, 20);
    dir.writeUInt32LE(e.declaredSize ?? e.data.length, 24);
    dir.writeUInt16LE(n.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  if (entries.length < 0xffff) return Buffer.concat([...local, cd, end]);
  // More entries than the end record counts: a Zip64 end record and its locator hold the count.
  const end64 = Buffer.alloc(56 + 20);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(entries.length), 24);
  end64.writeBigUInt64LE(BigInt(entries.length), 32);
  end64.writeBigUInt64LE(BigInt(cd.length), 40);
  end64.writeBigUInt64LE(BigInt(offset), 48);
  end64.writeUInt32LE(0x07064b50, 56);
  end64.writeBigUInt64LE(BigInt(offset + cd.length), 64);
  end64.writeUInt32LE(1, 72);
  return Buffer.concat([...local, cd, end64, end]);
}

/** Files by name, all deflated or all stored. */
export const zipFiles = (files: Record<string, string>, deflate = true): Buffer => zip(Object.entries(files).map(([name, text]) => ({ name, data: Buffer.from(text), deflate })));
