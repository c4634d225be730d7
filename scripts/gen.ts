/** Regenerates what is derived from tables: the JSON Schema and the diagnostics page (npm run gen). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diagnosticsDoc } from '../src/diagnostics/catalogue-doc.js';
import { buildSchema } from '../src/schema/build-schema.js';

const at = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
writeFileSync(at('schemas/kspec.schema.json'), JSON.stringify(buildSchema(), null, 2) + '\n');
writeFileSync(at('docs/diagnostics.md'), diagnosticsDoc());
console.log('wrote schemas/kspec.schema.json and docs/diagnostics.md');
