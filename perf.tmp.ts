import { parseRoadmapFile } from './src/roadmap/parse.js';
import { DEFAULT_CONFIG } from './src/config.js';
const lines: string[] = ['# Big roadmap', ''];
let n = 0;
for (let s = 0; s < 100; s += 1) {
  lines.push(`## Phase ${s}`, '', `### Area ${s % 7}`, '');
  for (let i = 0; i < 100; i += 1) {
    n += 1;
    lines.push(i % 5 === 0 ? `- [ ] **Feature ${n}:** implement the \`thing\` number ${n} with [a link](https://example.com/${n})` : `  - [${i % 2 ? 'x' : ' '}] Sub task ${n} for the feature (#${n})`);
  }
  lines.push('');
}
const text = lines.join('\n');
for (let r = 0; r < 4; r += 1) {
  const t0 = performance.now();
  const f = parseRoadmapFile('ROADMAP.md', text, DEFAULT_CONFIG);
  const t1 = performance.now();
  console.log(`${f.items.length} items, ${text.length} chars: ${(t1 - t0).toFixed(0)} ms`);
}
