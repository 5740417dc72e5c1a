import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { parseRoadmapFile } from './src/roadmap/parse.js';
import { DEFAULT_CONFIG } from './src/config.js';
const p = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);
const lines: string[] = ['# Big roadmap', ''];
let n = 0;
for (let s = 0; s < 100; s += 1) {
  lines.push(`## Phase ${s}`, '', `### Area ${s % 7}`, '');
  for (let i = 0; i < 100; i += 1) { n += 1; lines.push(i % 5 === 0 ? `- [ ] Feature ${n}` : `  - [ ] Sub task ${n}`); }
  lines.push('');
}
const text = lines.join('\n');
const cpu = (f: () => void) => { const c = process.cpuUsage(); const t = performance.now(); f(); const d = process.cpuUsage(c); return `${((d.user + d.system) / 1000).toFixed(0)}cpu/${(performance.now() - t).toFixed(0)}wall`; };
for (let r = 0; r < 5; r++) console.log(text.length, 'parse only', cpu(() => p.parse(text)), 'full', cpu(() => parseRoadmapFile('R.md', text, DEFAULT_CONFIG)));
