import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
const mk = (nested: boolean) => { const lines: string[] = ['# Big', '']; for (let i = 0; i < 10000; i++) lines.push(nested && i % 5 ? `  - [ ] Sub task ${i}` : `- [ ] Task ${i} with words`); return lines.join('\n'); };
for (const [name, p] of [['plain', unified().use(remarkParse)], ['gfm', unified().use(remarkParse).use(remarkGfm)], ['gfm+fm', unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml'])]] as const) {
  for (const nested of [false, true]) {
    const text = mk(nested);
    const t0 = performance.now(); p.parse(text); console.log(name, nested, (performance.now() - t0).toFixed(0), 'ms');
  }
}
