import { printClientOverhead, runClientOverheadBench } from './client-overhead.js';
import { printClusterBench, runClusterBench } from './cluster-bench.js';
import { runParseBench } from './parse-bench.js';
import { runSyncBench } from './sync-bench.js';

const pad = (s: string | number, n: number): string => String(s).padStart(n);
const padEnd = (s: string | number, n: number): string => String(s).padEnd(n);

console.log('roadmap-sync benchmarks (Node %s, %s)', process.version, process.arch);
console.log('\nParse + classify (generated roadmaps, one process each):');
console.log(`${pad('items', 8)} ${pad('bytes', 11)} ${pad('ms', 9)} ${pad('µs/item', 9)} ${pad('peak RSS MB', 12)}`);
for (const f of runParseBench()) {
  console.log(`${pad(f.items, 8)} ${pad(f.bytes.toLocaleString('en'), 11)} ${pad(f.ms.toFixed(1), 9)} ${pad(((f.ms * 1000) / f.items).toFixed(1), 9)} ${pad(f.peakRssMb.toFixed(0), 12)}`);
}

const timeScale = process.env.ROADMAP_SYNC_BENCH_TIMESCALE ? Number(process.env.ROADMAP_SYNC_BENCH_TIMESCALE) : undefined;
const sync = await runSyncBench(timeScale ? { timeScale } : {});

console.log('\nFirst sync against the emulator (empty repository, no pacing; requests include reads):');
console.log(`${padEnd('roadmap', 26)} ${pad('items', 6)} ${pad('issues', 7)} ${pad('requests', 9)} ${pad('writes', 7)} ${pad('req/item', 9)} ${pad('writes/item', 12)} ${pad('s', 7)}`);
for (const f of sync.firstSyncs) {
  console.log(
    `${padEnd(f.name, 26)} ${pad(f.items, 6)} ${pad(f.issues, 7)} ${pad(f.requests, 9)} ${pad(f.writes, 7)} ${pad((f.requests / f.items).toFixed(2), 9)} ${pad((f.writes / f.items).toFixed(2), 12)} ${pad((f.ms / 1000).toFixed(1), 7)}`,
  );
}

const n = sync.noop;
console.log(`\nConverge with nothing to change, ${n.issues} managed issues (budget ceil(N/100) + 5 = ${n.budget}):`);
console.log(`${padEnd('run', 44)} ${pad('requests', 9)} ${pad('304s', 5)} ${pad('writes', 7)} ${pad('ms', 7)}`);
const noopRow = (label: string, r: typeof n.cold): void =>
  console.log(`${padEnd(label, 44)} ${pad(r.requests, 9)} ${pad(r.notModified, 5)} ${pad(r.writes, 7)} ${pad(r.ms.toFixed(0), 7)}`);
noopRow('right after the first sync (lists changed)', n.cold);
noopRow('again, ETag and blob caches warm', n.warm);
noopRow('again, parse cache warm too (as in the app)', n.parsed);

console.log(`\nWrites paced as GitHub asks (one at a time, ≥ 1 s apart, ≤ 80/min, ≤ 500/h; the emulator answers 403 to any write that breaks them), in scaled time:`);
console.log(`${pad('writes', 7)} ${pad('scale', 6)} ${pad('403s', 5)} ${pad('time s', 8)} ${pad('least s', 8)} ${pad('ratio', 6)} ${pad('= GitHub time', 14)}`);
for (const p of sync.paced) {
  const ratio = p.ms / p.minimumMs;
  console.log(`${pad(p.writes, 7)} ${pad(`×${p.timeScale}`, 6)} ${pad(p.forbidden, 5)} ${pad((p.ms / 1000).toFixed(1), 8)} ${pad((p.minimumMs / 1000).toFixed(1), 8)} ${pad(ratio.toFixed(3), 6)} ${pad(`${((p.ms * p.timeScale) / 60_000).toFixed(1)} min`, 14)}`);
  if (p.forbidden > 0 || ratio > 1.05) console.log(`WARNING: the goal is zero secondary-limit answers and within 1.05× of the least time`);
}

printClientOverhead(await runClientOverheadBench());

printClusterBench(await runClusterBench());
