import { unified } from 'unified';
import remarkParse from 'remark-parse';
const p = unified().use(remarkParse);
const mk = (n: number) => { const lines: string[] = ['# Big', '']; for (let i = 0; i < n; i++) { lines.push(`- [ ] Task ${i} with words`); } return lines.join('\n'); };
for (let r = 0; r < 3; r++) for (const n of [1000, 2000, 4000, 8000]) {
  const text = mk(n);
  const t0 = performance.now(); p.parse(text); console.log(n, (performance.now() - t0).toFixed(0));
}
