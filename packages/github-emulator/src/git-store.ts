/**
 * A content-addressed git object store. Shas are computed exactly as git does (blob, tree and commit
 * object encodings), so a blob sha from the emulator equals `git hash-object` of the same bytes.
 * One store is shared by every repository (forks included), as GitHub's fork networks share objects.
 */
import { createHash } from 'node:crypto';

export type TreeMode = '100644' | '100755' | '040000' | '160000' | '120000';
export type TreeEntryType = 'blob' | 'tree' | 'commit';

export interface GitBlob {
  readonly type: 'blob';
  readonly sha: string;
  readonly content: Buffer;
}

export interface GitTreeEntry {
  readonly name: string;
  readonly mode: TreeMode;
  readonly type: TreeEntryType;
  readonly sha: string;
}

export interface GitTree {
  readonly type: 'tree';
  readonly sha: string;
  readonly entries: readonly GitTreeEntry[];
}

export interface GitSignature {
  readonly name: string;
  readonly email: string;
  /** ISO 8601, seconds precision, UTC ("2024-01-01T00:00:00Z"). */
  readonly date: string;
}

export interface GitCommit {
  readonly type: 'commit';
  readonly sha: string;
  readonly tree: string;
  readonly parents: readonly string[];
  readonly message: string;
  readonly author: GitSignature;
  readonly committer: GitSignature;
}

export type GitObject = GitBlob | GitTree | GitCommit;

/** A flattened file in a tree: full path → blob. */
export interface TreeFile {
  readonly path: string;
  readonly mode: TreeMode;
  readonly type: TreeEntryType;
  readonly sha: string;
}

/** A change to apply on top of a base tree; sha null deletes the path. */
export interface TreeChange {
  readonly path: string;
  readonly mode: TreeMode;
  readonly type: TreeEntryType;
  readonly sha: string | null;
}

export const EMPTY_TREE_SHA = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export function hashObject(type: 'blob' | 'tree' | 'commit', body: Buffer): string {
  return createHash('sha1')
    .update(Buffer.from(`${type} ${body.byteLength}\0`, 'utf8'))
    .update(body)
    .digest('hex');
}

/** Git orders tree entries by name, comparing a subtree's name as if it ended in "/". */
function treeSortKey(entry: GitTreeEntry): Buffer {
  return Buffer.from(entry.type === 'tree' ? `${entry.name}/` : entry.name, 'utf8');
}

function gitDate(iso: string): string {
  return `${Math.floor(Date.parse(iso) / 1000)} +0000`;
}

export class GitStore {
  readonly #objects = new Map<string, GitObject>();

  get(sha: string): GitObject | undefined {
    return this.#objects.get(sha.toLowerCase());
  }

  blob(sha: string): GitBlob | undefined {
    const o = this.get(sha);
    return o?.type === 'blob' ? o : undefined;
  }

  tree(sha: string): GitTree | undefined {
    const o = this.get(sha);
    return o?.type === 'tree' ? o : undefined;
  }

  commit(sha: string): GitCommit | undefined {
    const o = this.get(sha);
    return o?.type === 'commit' ? o : undefined;
  }

  putBlob(content: Buffer): GitBlob {
    const sha = hashObject('blob', content);
    const blob: GitBlob = { type: 'blob', sha, content };
    if (!this.#objects.has(sha)) this.#objects.set(sha, blob);
    return blob;
  }

  putTree(entries: readonly GitTreeEntry[]): GitTree {
    const sorted = [...entries].sort((a, b) => Buffer.compare(treeSortKey(a), treeSortKey(b)));
    const parts: Buffer[] = [];
    for (const e of sorted) {
      const mode = e.mode === '040000' ? '40000' : e.mode;
      parts.push(Buffer.from(`${mode} ${e.name}\0`, 'utf8'), Buffer.from(e.sha, 'hex'));
    }
    const sha = hashObject('tree', Buffer.concat(parts));
    const tree: GitTree = { type: 'tree', sha, entries: sorted };
    if (!this.#objects.has(sha)) this.#objects.set(sha, tree);
    return tree;
  }

  putCommit(input: Omit<GitCommit, 'type' | 'sha'>): GitCommit {
    const lines = [`tree ${input.tree}`, ...input.parents.map((p) => `parent ${p}`)];
    lines.push(`author ${input.author.name} <${input.author.email}> ${gitDate(input.author.date)}`);
    lines.push(`committer ${input.committer.name} <${input.committer.email}> ${gitDate(input.committer.date)}`);
    const body = Buffer.from(`${lines.join('\n')}\n\n${input.message}`, 'utf8');
    const sha = hashObject('commit', body);
    const commit: GitCommit = { type: 'commit', sha, ...input };
    if (!this.#objects.has(sha)) this.#objects.set(sha, commit);
    return commit;
  }

  /** Every file (and, with includeTrees, every subtree) under a tree, depth first, git order. */
  flatten(treeSha: string, includeTrees = false, prefix = ''): TreeFile[] {
    const tree = this.tree(treeSha);
    if (!tree) return [];
    const out: TreeFile[] = [];
    for (const e of tree.entries) {
      const path = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.type === 'tree') {
        if (includeTrees) out.push({ path, mode: e.mode, type: 'tree', sha: e.sha });
        out.push(...this.flatten(e.sha, includeTrees, path));
      } else {
        out.push({ path, mode: e.mode, type: e.type, sha: e.sha });
      }
    }
    return out;
  }

  /** The entry at a path ('' is the root tree itself). */
  entryAt(treeSha: string, path: string): TreeFile | undefined {
    const parts = path.split('/').filter((p) => p.length > 0);
    if (parts.length === 0) return { path: '', mode: '040000', type: 'tree', sha: treeSha };
    let current = this.tree(treeSha);
    for (let i = 0; i < parts.length; i++) {
      const entry = current?.entries.find((e) => e.name === parts[i]);
      if (!entry) return undefined;
      if (i === parts.length - 1) return { path: parts.join('/'), mode: entry.mode, type: entry.type, sha: entry.sha };
      if (entry.type !== 'tree') return undefined;
      current = this.tree(entry.sha);
    }
    return undefined;
  }

  /** Applies changes to a base tree (or an empty one) and returns the new root tree sha. */
  applyChanges(baseTreeSha: string | null, changes: readonly TreeChange[]): string {
    const files = new Map<string, TreeFile>();
    if (baseTreeSha) for (const f of this.flatten(baseTreeSha)) files.set(f.path, f);
    for (const c of changes) {
      const path = c.path.split('/').filter((p) => p.length > 0).join('/');
      if (c.sha === null) {
        files.delete(path);
        for (const key of [...files.keys()]) if (key.startsWith(`${path}/`)) files.delete(key);
      } else if (c.type === 'tree') {
        for (const key of [...files.keys()]) if (key === path || key.startsWith(`${path}/`)) files.delete(key);
        for (const f of this.flatten(c.sha)) files.set(`${path}/${f.path}`, { ...f, path: `${path}/${f.path}` });
      } else {
        files.set(path, { path, mode: c.mode, type: c.type, sha: c.sha });
      }
    }
    return this.buildTree([...files.values()]);
  }

  buildTree(files: readonly TreeFile[]): string {
    const direct: GitTreeEntry[] = [];
    const nested = new Map<string, TreeFile[]>();
    for (const f of files) {
      const slash = f.path.indexOf('/');
      if (slash === -1) {
        direct.push({ name: f.path, mode: f.mode, type: f.type, sha: f.sha });
      } else {
        const dir = f.path.slice(0, slash);
        const list = nested.get(dir) ?? [];
        list.push({ ...f, path: f.path.slice(slash + 1) });
        nested.set(dir, list);
      }
    }
    for (const [dir, list] of nested) {
      direct.push({ name: dir, mode: '040000', type: 'tree', sha: this.buildTree(list) });
    }
    return this.putTree(direct).sha;
  }

  /** Every commit reachable from `head` (itself included). */
  ancestors(head: string): Set<string> {
    const seen = new Set<string>();
    const stack = [head];
    while (stack.length > 0) {
      const sha = stack.pop();
      if (sha === undefined || seen.has(sha)) continue;
      const c = this.commit(sha);
      if (!c) continue;
      seen.add(sha);
      stack.push(...c.parents);
    }
    return seen;
  }

  /** True when `ancestor` is reachable from `descendant` (or equal). */
  isAncestor(ancestor: string, descendant: string): boolean {
    const seen = new Set<string>();
    const stack = [descendant];
    while (stack.length > 0) {
      const sha = stack.pop();
      if (sha === undefined || seen.has(sha)) continue;
      if (sha === ancestor) return true;
      seen.add(sha);
      const c = this.commit(sha);
      if (c) stack.push(...c.parents);
    }
    return false;
  }

  /** Commits reachable from head, newest first by walk order (first-parent first). */
  log(head: string, limit = Number.POSITIVE_INFINITY): GitCommit[] {
    const out: GitCommit[] = [];
    const seen = new Set<string>();
    const queue = [head];
    for (let next = 0; next < queue.length && out.length < limit; next++) {
      const sha = queue[next];
      if (sha === undefined || seen.has(sha)) continue;
      seen.add(sha);
      const c = this.commit(sha);
      if (!c) continue;
      out.push(c);
      queue.push(...c.parents);
    }
    return out;
  }

  /**
   * Three-way merge at file granularity: a path changed on one side takes that side; changed the
   * same way on both is fine; changed differently on both is a conflict (undefined).
   */
  mergeTrees(baseTree: string | null, ours: string, theirs: string): string | undefined {
    const toMap = (tree: string | null) => new Map((tree ? this.flatten(tree) : []).map((f) => [f.path, f]));
    const b = toMap(baseTree);
    const o = toMap(ours);
    const t = toMap(theirs);
    const result: TreeFile[] = [];
    for (const path of new Set([...b.keys(), ...o.keys(), ...t.keys()])) {
      const bs = b.get(path)?.sha;
      const os = o.get(path);
      const ts = t.get(path);
      if (os?.sha === ts?.sha) {
        if (os) result.push(os);
      } else if (os?.sha === bs) {
        if (ts) result.push(ts);
      } else if (ts?.sha === bs) {
        if (os) result.push(os);
      } else {
        return undefined;
      }
    }
    return this.buildTree(result);
  }

  /** The tree merging `head` into `base` would produce, or undefined on a conflict. */
  mergeCommits(base: string, head: string): string | undefined {
    const baseCommit = this.commit(base);
    const headCommit = this.commit(head);
    if (!baseCommit || !headCommit) return undefined;
    const mb = this.mergeBase(base, head);
    const mbTree = mb ? (this.commit(mb)?.tree ?? null) : null;
    return this.mergeTrees(mbTree, baseCommit.tree, headCommit.tree);
  }

  /** The nearest common ancestor of two commits (breadth-first from b over a's ancestry). */
  mergeBase(a: string, b: string): string | undefined {
    const ancestorsOfA = this.ancestors(a);
    return this.log(b).find((c) => ancestorsOfA.has(c.sha))?.sha;
  }
}
