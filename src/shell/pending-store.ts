/**
 * Work that accumulates between jobs: issues whose checkbox should follow their state, and
 * committed checkbox states waiting to be recorded in the issues' markers. A job `take`s what is
 * waiting (it moves to an in-progress set) and calls `done` once it is written; a job that dies in
 * between leaves it in progress, and the next job of the repository takes it again. Only one job
 * of a repository runs at a time, so the in-progress set is that job's.
 */
export interface PendingStore {
  addCheckboxes(repo: string, issues: readonly number[]): Promise<void>;
  takeCheckboxes(repo: string): Promise<number[]>;
  doneCheckboxes(repo: string): Promise<void>;
  /** The latest committed state per issue wins. */
  addMarkers(repo: string, states: ReadonlyArray<MarkerState>): Promise<void>;
  /** At most `limit` states (those in progress first). */
  takeMarkers(repo: string, limit: number): Promise<MarkerState[]>;
  /** Ends the taken batch; resolves to how many states still wait. */
  doneMarkers(repo: string): Promise<number>;
}

export interface MarkerState {
  number: number;
  checked: boolean;
}

/** The embedded mode's store: maps in this process. */
export class MemoryPendingStore implements PendingStore {
  private readonly checkboxes = new Map<string, Set<number>>();
  private readonly checkboxesTaken = new Map<string, Set<number>>();
  private readonly markers = new Map<string, Map<number, boolean>>();
  private readonly markersTaken = new Map<string, Map<number, boolean>>();

  async addCheckboxes(repo: string, issues: readonly number[]): Promise<void> {
    const set = getOrCreate(this.checkboxes, repo, () => new Set<number>());
    for (const n of issues) set.add(n);
  }

  async takeCheckboxes(repo: string): Promise<number[]> {
    const taken = getOrCreate(this.checkboxesTaken, repo, () => new Set<number>());
    for (const n of this.checkboxes.get(repo) ?? []) taken.add(n);
    this.checkboxes.delete(repo);
    return [...taken];
  }

  async doneCheckboxes(repo: string): Promise<void> {
    this.checkboxesTaken.delete(repo);
  }

  async addMarkers(repo: string, states: ReadonlyArray<MarkerState>): Promise<void> {
    if (states.length === 0) return;
    const map = getOrCreate(this.markers, repo, () => new Map<number, boolean>());
    for (const { number, checked } of states) map.set(number, checked);
  }

  async takeMarkers(repo: string, limit: number): Promise<MarkerState[]> {
    const taken = getOrCreate(this.markersTaken, repo, () => new Map<number, boolean>());
    const waiting = this.markers.get(repo);
    for (const [number, checked] of waiting ?? []) {
      if (taken.size >= limit) break;
      if (taken.has(number)) continue;
      taken.set(number, checked);
      waiting?.delete(number);
    }
    if (waiting?.size === 0) this.markers.delete(repo);
    return [...taken].map(([number, checked]) => ({ number, checked }));
  }

  async doneMarkers(repo: string): Promise<number> {
    this.markersTaken.delete(repo);
    return this.markers.get(repo)?.size ?? 0;
  }
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
