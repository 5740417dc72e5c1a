/**
 * 200 issue closes in 10 seconds across 5 repositories of one installation, under GitHub's
 * secondary limits in real time (80 content-creating requests a minute, 500 an hour, one at a
 * time), run to the end: when every box is set, and when every issue's marker has recorded it.
 * The CI test (test/reliability-load.test.ts) stops at the boxes. Minutes: `npx tsx bench/reliability-closes.ts`.
 */
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';
import { readMarker, renderManagedSection } from '../src/core/sync/issue-body.js';
import { checkboxCommits, checklist } from '../test/helpers/app-fixtures.js';
import { startAppHarness } from '../test/helpers/app-harness.js';

const limits = { perMinute: 80, perHour: 500 };
const h = await startAppHarness({ pacing: limits, timing: { checkboxDebounceMs: 500, checkboxMaxDelayMs: 5_000, markerDelayMs: 2_000 } });
const { emulator } = h;
const repos = ['r1', 'r2', 'r3', 'r4', 'r5'];
h.forwarding = false;
const numbers = repos.map((name) => {
  emulator.createRepo({ owner: 'load', name, files: { 'ROADMAP.md': checklist(40) } });
  const context = { owner: 'load', repo: name, ref: 'main', htmlUrl: emulator.origin };
  return parseRoadmapFile('ROADMAP.md', checklist(40), DEFAULT_CONFIG).items.map(
    (item) => emulator.createIssue({ owner: 'load', repo: name, title: item.title, labels: ['roadmap'], body: renderManagedSection({ item, context, checked: false }), actor: 'roadmap-sync[bot]' }).number,
  );
});
emulator.installApp({ owner: 'load', repos });
h.forwarding = true;
emulator.enforceSecondaryLimit({ ...limits, timeScale: 1 });

const started = performance.now();
for (let i = 0; i < 200; i += 1) {
  emulator.closeIssue({ owner: 'load', repo: repos[i % 5] ?? '', number: numbers[i % 5]?.[Math.floor(i / 5)] ?? 0, actor: 'alice' });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + (i + 1) * 50 - performance.now())));
}
const allChecked = checklist(40).replaceAll('- [ ] ', '- [x] ');
let boxesMs = 0;
const poll = setInterval(() => {
  if (boxesMs === 0 && repos.every((r) => emulator.readFile('load', r, 'ROADMAP.md') === allChecked)) boxesMs = performance.now() - started;
}, 50);
await h.settle();
clearInterval(poll);
const doneMs = performance.now() - started;
const recorded = repos.flatMap((r) => emulator.getIssues('load', r)).filter((i) => readMarker(i.body)?.checked === true).length;
const commits = repos.map((r) => checkboxCommits(emulator, 'load', r).length);
const patches = emulator.log.entries().filter((e) => e.route === 'PATCH /repos/{owner}/{repo}/issues/{issue_number}').length;
console.log('roadmap-sync: 200 closes in 10 s on 5 repositories, GitHub secondary limits in real time (production timing: debounce 500 ms, max 5 s)');
console.log(`  every box set after ${(boxesMs / 1000).toFixed(1)} s in ${commits.reduce((a, b) => a + b, 0)} commits (${commits.join(', ')})`);
console.log(`  every marker recorded after ${(doneMs / 1000).toFixed(1)} s (${recorded}/200; ${patches} issue updates)`);
console.log(`  secondary-limit 403s: ${emulator.faults.stats.secondaryLimited}; background job failures: ${h.app.jobFailures}`);
await h.close();
