import { readFileSync, readdirSync } from 'node:fs';
import { parseRoadmapFile } from './src/roadmap/parse.js';
import { DEFAULT_CONFIG } from './src/config.js';
const dir = '/work/shared/corpus/files';
for (const name of readdirSync(dir)) {
  const f = parseRoadmapFile(name, readFileSync(`${dir}/${name}`, 'utf8'), DEFAULT_CONFIG);
  for (const i of f.items) {
    const bad = /\*\*|\]\(|<br|^\[[ xX]\]|`/.test(i.title) || i.title.length < 4 || i.title.length > 256;
    if (bad || i.issueRef) console.log(name.slice(0, 20), i.line, JSON.stringify(i.title.slice(0, 120)), i.issueRef ?? '');
  }
}
