/** Writes schemas/kspec.schema.json from the layer catalogue (npm run gen). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema } from '../src/schema/build-schema.js';

const target = fileURLToPath(new URL('../../schemas/kspec.schema.json', import.meta.url));
writeFileSync(target, JSON.stringify(buildSchema(), null, 2) + '\n');
console.log(`wrote ${target}`);
