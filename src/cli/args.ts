/** A small, strict argument parser: known flags only, so a typo is a usage error (exit 2). */

export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  /** Takes a value (`-o out.json`, `--dialect=keras2`). */
  readonly value?: boolean;
}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string | true>;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq >= 0 ? eq : undefined);
      const spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown option --${name}`);
      if (spec.value) {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new UsageError(`--${name} needs a value`);
        flags.set(spec.name, v);
      } else if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      else flags.set(spec.name, true);
    } else if (a.startsWith('-') && a !== '-') {
      const spec = byShort.get(a.slice(1));
      if (!spec) throw new UsageError(`unknown option ${a}`);
      if (spec.value) {
        const v = argv[++i];
        if (v === undefined) throw new UsageError(`${a} needs a value`);
        flags.set(spec.name, v);
      } else flags.set(spec.name, true);
    } else positionals.push(a);
  }
  return { positionals, flags };
}
