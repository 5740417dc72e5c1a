/** The WriteQueue on a fake clock: pacing to sliding windows, one write at a time, exclusive sections. */
import { describe, expect, it } from 'vitest';
import { minimumWriteSpan } from '../bench/sync-bench.js';
import { noteWriteSent, WriteQueue } from '../src/shell/write-queue.js';

function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; advance: (ms: number) => void } {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms) => {
      t += ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

describe('WriteQueue', () => {
  it('paces instantaneous writes to the least time 80/min and 500/h allow (within 1 ms a wait)', async () => {
    const clock = fakeClock();
    const queue = new WriteQueue({ perMinute: 80, perHour: 500, now: clock.now, sleep: clock.sleep });
    const at: number[] = [];
    await Promise.all(Array.from({ length: 1_200 }, () => queue.write(async () => at.push(clock.now()))));
    expect(minimumWriteSpan(1_200, 80, 500)).toBe(2 * 3_600_000 + 2 * 60_000);
    expect(at.at(-1)).toBeGreaterThanOrEqual(minimumWriteSpan(1_200, 80, 500));
    expect((at.at(-1) as number) - minimumWriteSpan(1_200, 80, 500)).toBeLessThanOrEqual(queue.stats.pacingWaits.length);
    // No sliding window ever holds more than the limits.
    for (let i = 0; i < at.length; i += 1) {
      expect(at.filter((t) => t > (at[i] as number) - 60_000 && t <= (at[i] as number)).length).toBeLessThanOrEqual(80);
      if (i % 50 === 0) expect(at.filter((t) => t > (at[i] as number) - 3_600_000 && t <= (at[i] as number)).length).toBeLessThanOrEqual(500);
    }
  });

  it('starts writes at least 1 s apart, one at a time, and the least time is the spacing when the windows allow it', async () => {
    const clock = fakeClock();
    const queue = new WriteQueue({ perMinute: 80, perHour: 500, minIntervalMs: 1_000, now: clock.now, sleep: clock.sleep });
    const at: number[] = [];
    await Promise.all(Array.from({ length: 100 }, () => queue.write(async () => at.push(clock.now()))));
    for (let i = 1; i < at.length; i += 1) expect((at[i] as number) - (at[i - 1] as number)).toBeGreaterThanOrEqual(1_000);
    expect(at.at(-1)).toBe(minimumWriteSpan(100, 80, 500, 1_000));
    expect(minimumWriteSpan(100, 80, 500, 1_000)).toBe(99_000);
    // 600: the hour window holds writes 501… until an hour after the first.
    expect(minimumWriteSpan(600, 80, 500, 1_000)).toBe(3_600_000 + 99_000);
  });

  it('spaces the next write from the end of one that took longer than the spacing (it may have been retried just before)', async () => {
    const clock = fakeClock();
    const queue = new WriteQueue({ perMinute: 80, perHour: 500, minIntervalMs: 1_000, now: clock.now, sleep: clock.sleep });
    const at: number[] = [];
    await queue.write(async () => {
      at.push(clock.now());
      clock.advance(5_000); // a retry-after wait inside the write, then the retry
    });
    await queue.write(async () => at.push(clock.now()));
    expect(at).toEqual([0, 6_000]);
  });

  it('spaces the next write from when the previous one went out, when that was later than its slot (a busy event loop)', async () => {
    const clock = fakeClock();
    const queue = new WriteQueue({ perMinute: 80, perHour: 500, minIntervalMs: 1_000, now: clock.now, sleep: clock.sleep });
    const sent: number[] = [];
    await queue.write(async () => {
      clock.advance(300); // the process was busy: the request leaves 300 ms after its slot
      noteWriteSent();
      sent.push(clock.now());
      clock.advance(100); // its answer
    });
    await queue.write(async () => {
      noteWriteSent();
      sent.push(clock.now());
    });
    expect(sent).toEqual([300, 1_300]);
    noteWriteSent(); // outside a write: nothing to mark, no error
  });

  it('counts a write from when its answer arrived, so a slow write never lets the next window open early', async () => {
    const clock = fakeClock();
    const queue = new WriteQueue({ perMinute: 1, perHour: 100, now: clock.now, sleep: clock.sleep });
    const starts: number[] = [];
    await queue.write(async () => {
      starts.push(clock.now());
      clock.advance(5_000); // a write that takes 5 s to answer
    });
    await queue.write(async () => starts.push(clock.now()));
    expect((starts[1] as number) - (starts[0] as number)).toBeGreaterThanOrEqual(65_000);
  });

  it('runs writes one at a time', async () => {
    const queue = new WriteQueue({ perMinute: 1e6, perHour: 1e6 });
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        queue.write(async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 1));
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
  });

  it('exclusive sections with the same key run one after another, even when one fails; other keys do not wait', async () => {
    const queue = new WriteQueue({ perMinute: 1e6, perHour: 1e6 });
    const events: string[] = [];
    const section = (key: string, name: string, fail = false) =>
      queue.exclusive(key, async () => {
        events.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([section('a/r', 'first', true), section('a/r', 'second'), section('b/r', 'other')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(events.indexOf('second start')).toBeGreaterThan(events.indexOf('first end'));
    expect(events.indexOf('other start')).toBeLessThan(events.indexOf('first end'));
  });
});
