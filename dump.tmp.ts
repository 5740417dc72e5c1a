import { readFileSync } from 'node:fs';
import { parseRoadmap } from './src/roadmap/parse.js';
import { DEFAULT_CONFIG } from './src/config.js';
const files = process.argv.slice(2);
const r = parseRoadmap(files.map((p) => ({ path: p.split('/').pop()!, text: readFileSync(p, 'utf8') })), DEFAULT_CONFIG);
for (const f of r.files) {
  console.log(`== ${f.path}: items=${f.items.length} top=${f.items.filter(i=>!i.parent).length} milestones=${f.milestones.length} problems=${f.problems.length}`);
  for (const m of f.milestones) console.log(`  M ${m.title} :: ${m.description.slice(0,100).replace(/\n/g,' | ')}`);
  for (const p of f.problems) console.log(`  P ${p.line} ${p.message}`);
  if (process.env.V) for (const i of f.items) console.log(`  ${i.parent ? '    ' : ''}[${i.checkbox[0]}] ${i.title}  {${i.milestone ?? '-'}} ${JSON.stringify(i.labels)}${i.issueRef ? ' #'+i.issueRef : ''}${i.details ? ' D:'+JSON.stringify(i.details.slice(0,60)) : ''}`);
}
console.log('labels', r.labels.length, r.labels.map(l=>l.name).join(', '));
