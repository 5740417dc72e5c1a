/**
 * Crash loop: the real app (src/app/main.ts in a child process) is SIGKILLed at random moments, over
 * and over, while people close and reopen issues and push roadmap edits. After the last restart a
 * reconcile converges, and the invariants are checked:
 * - every item has exactly one open-or-closed issue carrying its marker (late duplicates, if any,
 *   closed as duplicates);
 * - every item's checkbox matches its issue's state;
 * - the markdown is the people's last version with only checkbox characters changed.
 * Minutes, not CI: `npx tsx bench/reliability-crash-loop.ts [cycles]` (default 12).
 */
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';
import { readMarker } from '../src/core/sync/issue-body.js';
import { sleep, startProcessWorld } from '../test/helpers/reliability-process.js';

const CYCLES = Number(process.argv[2] ?? 12);
const OWNER = 'loop';
let seed = 42;
const random = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

function roadmap(version: number): string {
  const lines = ['# Roadmap', ''];
  for (let phase = 1; phase <= 3; phase += 1) {
    lines.push(`## Phase ${phase}`, '');
    for (let i = 1; i <= 40 + version; i += 1) lines.push(`- [ ] Task ${phase}.${i}: step ${i} of phase ${phase}`);
    lines.push('');
  }
  return lines.join('\n');
}

const stripBoxes = (text: string): string => text.replace(/^(\s*[-*+] )\[[ xX]\] /gm, '$1[ ] ');

const w = await startProcessWorld({ ROADMAP_SYNC_CHECKBOX_DEBOUNCE_MS: '50' });
let version = 0;
w.emulator.createRepo({ owner: OWNER, name: 'app', files: { 'ROADMAP.md': roadmap(version) } });
await w.start();
w.emulator.installApp({ owner: OWNER, repos: ['app'] });
const started = performance.now();
let kills = 0;
let actions = 0;

/** One thing a person does: mostly close or reopen an issue, sometimes add an item. */
function act(): void {
  const issues = w.emulator.getIssues(OWNER, 'app').filter((i) => readMarker(i.body));
  const pick = issues[Math.floor(random() * issues.length)];
  if (random() < 0.05) {
    version += 1;
    const current = w.emulator.readFile(OWNER, 'app', 'ROADMAP.md') ?? '';
    w.emulator.pushCommit({ owner: OWNER, repo: 'app', branch: 'main', message: `Plan v${version}`, files: { 'ROADMAP.md': current.replace(/(## Phase \d\n\n)/, `$1- [ ] Added in version ${version}\n`) } });
  } else if (pick) {
    if (pick.state === 'open') w.emulator.closeIssue({ owner: OWNER, repo: 'app', number: pick.number, actor: 'alice' });
    else w.emulator.reopenIssue({ owner: OWNER, repo: 'app', number: pick.number, actor: 'alice' });
  }
  actions += 1;
}

for (let cycle = 0; cycle < CYCLES; cycle += 1) {
  const until = Date.now() + 300 + random() * 2_500;
  while (Date.now() < until) {
    act();
    await sleep(20 + random() * 80);
  }
  await w.app?.kill('SIGKILL');
  w.app = null;
  kills += 1;
  // People go on while the app is down: these webhooks are lost.
  for (let i = Math.floor(random() * 8); i > 0; i -= 1) {
    act();
    await sleep(20 + random() * 60);
  }
  await w.start(cycle === CYCLES - 1 ? { ROADMAP_SYNC_RECONCILE_MINUTES: '0.1' } : {});
}

// The last start reconciles every 6 s: wait for a quiet moment with everything consistent.
const consistent = (): boolean => {
  const text = w.emulator.readFile(OWNER, 'app', 'ROADMAP.md') ?? '';
  const items = parseRoadmapFile('ROADMAP.md', text, DEFAULT_CONFIG).items;
  const byKey = new Map(w.emulator.getIssues(OWNER, 'app').filter((i) => i.state === 'open' || !/^Duplicate of/m.test(w.emulator.getComments(OWNER, 'app', i.number).map((c) => c.body).join('\n'))).map((i) => [readMarker(i.body)?.key ?? '', i]));
  return items.every((item) => {
    const issue = byKey.get(item.key);
    return issue !== undefined && (issue.state === 'closed') === (item.checkbox === 'checked');
  });
};
await w.waitQuiet(consistent, { quietMs: 4_000, timeoutMs: 300_000 });

const text = w.emulator.readFile(OWNER, 'app', 'ROADMAP.md') ?? '';
const items = parseRoadmapFile('ROADMAP.md', text, DEFAULT_CONFIG).items;
const issues = w.emulator.getIssues(OWNER, 'app');
const keys = issues.map((i) => readMarker(i.body)?.key ?? '');
const duplicates = issues.filter((i) => /^Duplicate of/m.test(w.emulator.getComments(OWNER, 'app', i.number).map((c) => c.body).join('\n')));
const live = issues.filter((i) => !duplicates.includes(i));
const liveKeys = new Set(live.map((i) => readMarker(i.body)?.key));
const problems: string[] = [];
if (liveKeys.size !== live.length) problems.push('two live issues share a marker');
for (const item of items) if (!liveKeys.has(item.key)) problems.push(`no issue for ${item.title}`);
if (keys.some((k) => k === '')) problems.push('an issue without a marker');
if (!consistent()) problems.push('a checkbox differs from its issue');
const lastHuman = [...w.emulator.listCommits(OWNER, 'app', 'main')].find((c) => !c.message.startsWith('roadmap: '));
if (lastHuman && stripBoxes(w.emulator.readFile(OWNER, 'app', 'ROADMAP.md', lastHuman.sha) ?? '') !== stripBoxes(text)) problems.push('the markdown differs from the last human version beyond checkboxes');

console.log(`roadmap-sync crash loop: ${kills} SIGKILLs over ${((performance.now() - started) / 1000).toFixed(0)} s, ${actions} human actions, ${w.lost} deliveries lost while down`);
console.log(`  end: ${items.length} items, ${live.length} live issues, ${duplicates.length} duplicate(s) closed, ${items.filter((i) => i.checkbox === 'checked').length} checked; checkbox commits ${w.emulator.listCommits(OWNER, 'app', 'main').filter((c) => c.message.startsWith('roadmap: ')).length}`);
console.log(problems.length === 0 ? '  invariants hold' : `  VIOLATED:\n  - ${problems.join('\n  - ')}`);
await w.close();
process.exitCode = problems.length === 0 ? 0 : 1;
