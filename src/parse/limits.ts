/**
 * Size limits on what kspec reads, so that no input can exhaust memory or take minutes (the nesting
 * and alias limits are in yaml.ts). Above a limit the input is refused with KS1022, located at 1:1.
 * docs/security.md states each limit and what was measured.
 */

/** Bytes of one text input: a file, standard input, or the config.json of a `.keras` archive. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
/** Uncompressed bytes of a `.keras` archive's model.weights.h5, read for weight conversion (2 GiB). */
export const MAX_WEIGHTS_BYTES = 2 * 1024 * 1024 * 1024;
/**
 * Entries of a zip archive: the most a zip holds without Zip64 (a Keras archive has three, and its
 * assets). Finding a deflated entry takes time quadratic in the entries before it (fflate's
 * streaming reader): 1–2 s for 65,535.
 */
export const MAX_ARCHIVE_ENTRIES = 65_535;
/**
 * Characters of a YAML document. The yaml package needs about 1 GB and 5 s per MB of the densest
 * YAML (`{a,a,a,…}`), so YAML is held to what real model configs need; JSON has no such cost.
 */
export const MAX_YAML_CHARS = 1024 * 1024;
/** Values (scalars and containers) of a JSON document: positions for them take ~100 bytes each. */
export const MAX_JSON_VALUES = 5_000_000;

/** `1,048,576`: limits and sizes in messages. */
export const count = (n: number): string => n.toLocaleString('en-US');
