/** Writes schema/roadmap-sync.schema.json from the zod schema (the single source). `npm run schema`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderJsonSchema } from '../src/core/config/config-json-schema.js';

const target = fileURLToPath(new URL('../schema/roadmap-sync.schema.json', import.meta.url));
writeFileSync(target, renderJsonSchema());
console.log(`wrote ${target}`);
