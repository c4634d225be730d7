/** docs/diagnostics.md, generated from the message catalogue so the two cannot drift. */
import { MESSAGES, type Code } from './messages.js';

const HEADINGS: Record<string, string> = {
  KS1: 'Reading the text',
  KS2: 'Layers and arguments',
  KS3: 'Activations',
  KS4: 'Model wiring',
  KS5: 'What tfjs can build, and where it silently differs from Keras',
  KS6: 'Shapes known before building',
  KS7: 'Trained weights',
};

export function diagnosticsDoc(): string {
  // Placeholders render as <name>, so each template reads as its sentence with blanks.
  const blanks = new Proxy({}, { get: (_, k) => `<${String(k)}>` }) as never;
  const out = ['# Diagnostics', '', 'Every diagnostic kspec reports has a stable code. This page is generated from `src/diagnostics/messages.ts` (`npm run gen`).', ''];
  let group = '';
  for (const code of Object.keys(MESSAGES) as Code[]) {
    const m = MESSAGES[code] as { severity: string; rule: string; text: (p: never) => string };
    if (code.slice(0, 3) !== group) {
      group = code.slice(0, 3);
      out.push(`## ${group}xxx — ${HEADINGS[group]}`, '', '| code | rule | severity | message |', '| --- | --- | --- | --- |');
    }
    out.push(`| ${code} | ${m.rule} | ${m.severity} | ${m.text(blanks).replace(/\|/g, '\\|')} |`);
    if (code === lastOfGroup(code)) out.push('');
  }
  return out.join('\n').trimEnd() + '\n';
}

function lastOfGroup(code: string): string {
  const codes = Object.keys(MESSAGES).filter((c) => c.startsWith(code.slice(0, 3)));
  return codes[codes.length - 1]!;
}
