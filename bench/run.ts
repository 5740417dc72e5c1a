import { runParseBench } from './parse-bench.js';

const pad = (s: string | number, n: number): string => String(s).padStart(n);

console.log('roadmap-sync benchmarks (Node %s, %s)', process.version, process.arch);
console.log('\nParse + classify (generated roadmaps, one process each):');
console.log(`${pad('items', 8)} ${pad('bytes', 11)} ${pad('ms', 9)} ${pad('µs/item', 9)} ${pad('peak RSS MB', 12)}`);
for (const f of runParseBench()) {
  console.log(`${pad(f.items, 8)} ${pad(f.bytes.toLocaleString('en'), 11)} ${pad(f.ms.toFixed(1), 9)} ${pad(((f.ms * 1000) / f.items).toFixed(1), 9)} ${pad(f.peakRssMb.toFixed(0), 12)}`);
}
