import type { RepoScheduler } from '../repo-scheduler.js';
import type { JobDelays, JobQueue } from './job-queue.js';
import { JOB_PRIORITY, jobKey, jobLabel, jobLane, type JobSpec } from './job-spec.js';

/** Embedded mode: jobs run in this process, per key one at a time (RepoScheduler). */
export class MemoryJobQueue implements JobQueue {
  constructor(
    private readonly scheduler: RepoScheduler,
    private readonly run: (spec: JobSpec) => Promise<void>,
    private readonly delays: (spec: JobSpec) => JobDelays,
  ) {}

  async enqueue(spec: JobSpec): Promise<void> {
    this.scheduler.enqueue({
      key: jobKey(spec),
      lane: jobLane(spec),
      priority: JOB_PRIORITY[spec.kind],
      ...this.delays(spec),
      label: jobLabel(spec),
      run: () => this.run(spec),
    });
  }

  get busy(): boolean {
    return this.scheduler.busy;
  }

  onIdle(): Promise<void> {
    return this.scheduler.onIdle();
  }

  whenKeyIdle(key: string): Promise<void> {
    return this.scheduler.whenKeyIdle(key);
  }

  get failures(): number {
    return this.scheduler.stats.failures;
  }

  async ready(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.scheduler.stop();
  }
}
