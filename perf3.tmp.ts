import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { micromark } from 'micromark';
const p = unified().use(remarkParse);
const mk = (n: number, per: number) => { const lines: string[] = ['# Big', '']; for (let i = 0; i < n; i++) { if (i % per === 0) lines.push('', `## S${i}`, ''); lines.push(`- [ ] Task ${i} with words`); } return lines.join('\n'); };
for (const [n, per] of [[1000, 1000], [2000, 2000], [4000, 4000], [10000, 100], [10000, 10]]) {
  const text = mk(n, per);
  let t0 = performance.now(); p.parse(text); const a = performance.now() - t0;
  t0 = performance.now(); micromark(text); const b = performance.now() - t0;
  const paras = text.replace(/^- \[ \] /gm, '');
  t0 = performance.now(); p.parse(paras); const c = performance.now() - t0;
  console.log(n, per, 'remark', a.toFixed(0), 'micromark html', b.toFixed(0), 'no-lists', c.toFixed(0));
}
