import { describe, expect, it } from 'vitest';
import { RepoScheduler } from '../src/app/repo-scheduler.js';
import type { Logger } from '../src/shell/client.js';

function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info() {}, warn() {}, debug() {}, error: (_obj, msg) => errors.push(String(msg)) };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RepoScheduler', () => {
  it('runs one job per key at a time and coalesces triggers into the pending one', async () => {
    const scheduler = new RepoScheduler(recordingLogger());
    let running = 0;
    let maxRunning = 0;
    const runs: string[] = [];
    const job = (label: string) => ({
      key: 'o/r',
      lane: 'converge',
      priority: 1,
      label,
      run: async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        runs.push(label);
        await tick(20);
        running -= 1;
      },
    });
    expect(scheduler.enqueue(job('first'))).toBe('queued');
    await tick(1);
    expect(scheduler.enqueue(job('second'))).toBe('queued');
    expect(scheduler.enqueue(job('third'))).toBe('coalesced');
    expect(scheduler.enqueue(job('fourth'))).toBe('coalesced');
    await scheduler.onIdle();
    expect(runs).toEqual(['first', 'fourth']);
    expect(maxRunning).toBe(1);
  });

  it('keeps a debounced higher-priority lane ahead of lower ones, and other keys independent', async () => {
    const scheduler = new RepoScheduler(recordingLogger());
    const order: string[] = [];
    const add = (key: string, lane: string, priority: number, delayMs = 0) =>
      scheduler.enqueue({ key, lane, priority, delayMs, maxDelayMs: 500, label: lane, run: async () => void order.push(`${key}:${lane}`) });
    add('a', 'checkboxes', 0, 60);
    add('a', 'converge', 1);
    add('b', 'converge', 1);
    await scheduler.onIdle();
    expect(order).toEqual(['b:converge', 'a:checkboxes', 'a:converge']);
  });

  it('logs a failing job and goes on', async () => {
    const log = recordingLogger();
    const scheduler = new RepoScheduler(log);
    let after = false;
    scheduler.enqueue({ key: 'k', lane: 'x', priority: 0, label: 'boom', run: async () => Promise.reject(new Error('kaput')) });
    scheduler.enqueue({ key: 'k', lane: 'y', priority: 1, label: 'next', run: async () => void (after = true) });
    await scheduler.onIdle();
    expect(after).toBe(true);
    expect(scheduler.stats.failures).toBe(1);
    expect(log.errors).toEqual(['boom failed: kaput']);
  });
});
