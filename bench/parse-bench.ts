/**
 * Parse + classify time and peak memory for generated roadmaps. Each size runs in its own child
 * process so its peak RSS is its own. Prints a table; figures go in the README.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { parseRoadmap } from '../src/core/roadmap/parse.js';
import { generateRoadmap } from './generate-roadmap.js';

const NO_LIMITS = { bytes: Infinity, lines: Infinity, items: Infinity, depth: Infinity, delimitersPerBlock: Infinity, tableCells: Infinity };

export interface ParseFigure {
  items: number;
  bytes: number;
  ms: number;
  peakRssMb: number;
}

function measure(items: number): ParseFigure {
  const text = generateRoadmap(items);
  parseRoadmap([{ path: 'ROADMAP.md', text: generateRoadmap(200) }], DEFAULT_CONFIG); // warm the JIT
  const start = performance.now();
  // The limits a converge applies (512 KB, 5,000 items) are lifted: this measures the parser itself.
  const roadmap = parseRoadmap([{ path: 'ROADMAP.md', text }], DEFAULT_CONFIG, { limits: NO_LIMITS });
  const ms = performance.now() - start;
  if (roadmap.items.length !== items) throw new Error(`expected ${items} items, parsed ${roadmap.items.length}`);
  return { items, bytes: Buffer.byteLength(text), ms, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

export function runParseBench(sizes = [1_000, 10_000, 100_000]): ParseFigure[] {
  const self = fileURLToPath(import.meta.url);
  return sizes.map((size) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', self, String(size)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    return JSON.parse(out.trim().split('\n').pop() as string) as ParseFigure;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) {
  process.stdout.write(`${JSON.stringify(measure(Number(process.argv[2])))}\n`);
}
