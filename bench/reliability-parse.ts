/**
 * What the parse bounds (src/core/roadmap/parse-limits.ts) protect against, and what they still allow.
 * Each case runs in its own process so its peak RSS is its own:
 * - worst cases just inside the bounds (parsed: time and peak RSS);
 * - the pathological inputs outside them, parsed with the bounds lifted (remark's cost) and with
 *   them (the refusal's cost), and how much of the time is remark and how much ours.
 * Slow (a few minutes): `npx tsx bench/reliability-parse.ts`.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';
import { PARSE_LIMITS, type ParseLimits } from '../src/core/roadmap/parse-limits.js';

const LIFTED: ParseLimits = { bytes: Infinity, lines: Infinity, items: Infinity, depth: Infinity, delimitersPerBlock: Infinity, tableCells: Infinity };

const indented = (n: number, width = 1): string => Array.from({ length: n }, (_, d) => `${'  '.repeat(d % width)}- [ ] Item ${d}`).join('\n');

/** Name → [text, bounds]. "inside" cases must parse; "outside" cases must be refused with the bounds on. */
const CASES: Record<string, () => string> = {
  // Inside the bounds: the most expensive shapes we found, sized to just fit.
  'inside: 500 inline-dense items, 500 KB': () =>
    `# R\n\n## v1\n\n${Array.from({ length: 500 }, (_, i) => `- [ ] Item ${i} ${'*a* [b](c) `d` @e #1 '.repeat(48)}`).join('\n')}\n`,
  'inside: 20,000-cell table': () => `| a | b | c | d |\n|---|---|---|---|\n${`| ${'x'.repeat(60)} | y | z | w |\n`.repeat(3_990)}`,
  'inside: 4,990 items 32 levels deep': () => `# R\n\n## v1\n\n${indented(4_990, 32)}\n`,
  'inside: 2,000 nested emphasis marks': () => `- ${'*a '.repeat(1_000)}x${' a*'.repeat(1_000)}\n`,
  'inside: 20,000 lines of paragraphs': () => 'a\n\n'.repeat(9_999),
  // Outside: what a converge would have met without the bounds.
  'outside: 100,000 items (4 MB)': () => Array.from({ length: 100_000 }, (_, i) => `- [ ] Item ${i}: improve component ${i}`).join('\n'),
  'outside: list nested 1,000 deep (1 MB)': () => indented(1_000, 1_000),
  'outside: list nested 400 deep (160 KB)': () => indented(400, 400),
  'outside: 10,000 chained markers (20 KB)': () => `${'- '.repeat(10_000)}x\n`,
  'outside: 4,000 nested emphasis pairs (23 KB)': () => `- ${'*a '.repeat(4_000)}x${' a*'.repeat(4_000)}\n`,
  'outside: 1,000,000 blank-line paragraphs (3 MB)': () => 'a\n\n'.repeat(1_000_000),
};

interface Figure {
  name: string;
  bytes: number;
  refused: string | null;
  ms: number;
  remarkMs: number | null;
  items: number;
  peakRssMb: number;
  error?: string;
}

function measure(name: string, lifted: boolean): Figure {
  const text = (CASES[name] as () => string)();
  const bytes = Buffer.byteLength(text);
  parseRoadmapFile('warm.md', '# R\n\n- [ ] warm\n', DEFAULT_CONFIG);
  let remarkMs: number | null = null;
  if (lifted) {
    const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);
    const t = performance.now();
    try {
      processor.parse(text);
    } catch {
      // a stack overflow: parseRoadmapFile reports it as a problem below
    }
    remarkMs = performance.now() - t;
  }
  const started = performance.now();
  const file = parseRoadmapFile('ROADMAP.md', text, DEFAULT_CONFIG, lifted ? { limits: LIFTED } : {});
  const ms = performance.now() - started;
  return { name, bytes, refused: file.refused ?? null, ms, remarkMs, items: file.items.length, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

const self = fileURLToPath(import.meta.url);
if (process.argv[2] === '--one') {
  process.stdout.write(`${JSON.stringify(measure(process.argv[3] ?? '', process.argv[4] === 'lifted'))}\n`);
} else {
  console.log(`Parse bounds (${JSON.stringify(PARSE_LIMITS)}), Node ${process.version}; one process per case, 4 GB heap, 300 s timeout\n`);
  const row = (f: Figure, mode: string): string =>
    `${f.name.padEnd(48)} ${mode.padEnd(7)} ${String(Math.round(f.bytes / 1024)).padStart(6)} KB ${f.refused ? 'refused' : `${String(f.items).padStart(7)} items`} ${f.ms.toFixed(0).padStart(8)} ms${f.remarkMs !== null ? ` (remark alone ${f.remarkMs.toFixed(0)} ms)` : ''} ${f.peakRssMb.toFixed(0).padStart(6)} MB peak RSS`;
  for (const name of Object.keys(CASES)) {
    const modes = name.startsWith('inside') ? ['bounded'] : ['bounded', 'lifted'];
    for (const mode of modes) {
      try {
        const out = execFileSync(process.execPath, ['--max-old-space-size=4096', '--stack-size=984', '--import', 'tsx', self, '--one', name, mode], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: 300_000,
          maxBuffer: 1 << 20,
        });
        console.log(row(JSON.parse(out.trim().split('\n').pop() as string) as Figure, mode));
      } catch (error) {
        const stderr = error instanceof Error && 'stderr' in error ? String(error.stderr) : '';
        const reason =
          error instanceof Error && 'signal' in error && error.signal === 'SIGTERM'
            ? 'timed out after 300 s'
            : /heap out of memory/.test(stderr)
              ? 'crashed: JavaScript heap out of memory (4 GB)'
              : `crashed: ${stderr.split('\n').find((l) => l.trim() !== '')?.slice(0, 80) ?? 'unknown'}`;
        console.log(`${name.padEnd(48)} ${mode.padEnd(7)} ${reason}`);
      }
    }
  }
}
