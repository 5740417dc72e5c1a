/** The git data API: blobs, trees, commits and refs. */
import { z } from 'zod';
import type { Core } from '../core.js';
import type { TreeChange } from '../git-store.js';
import { moveRef, protectedBranchError, signatureOf } from '../git-ops.js';
import { HttpError, notFound } from '../http-error.js';
import { presentGitCommit, repoApiUrl } from '../present.js';
import { lookupRef } from '../refs.js';
import { noContent, ok, parseBody, route, type RequestContext, type RouteDef } from '../router.js';
import { isoNow, type RepoState } from '../state.js';
import { githubBase64 } from './contents.js';

const DOCS_REFS = 'https://docs.github.com/rest/git/refs';

function presentRef(core: Core, repo: RepoState, ref: string, sha: string) {
  return {
    ref: `refs/${ref}`,
    node_id: `REF_kwDO${Buffer.from(`${repo.id}:${ref}`).toString('base64url')}`,
    url: `${repoApiUrl(core, repo)}/git/refs/${ref}`,
    object: { type: 'commit', sha, url: `${repoApiUrl(core, repo)}/git/commits/${sha}` },
  };
}

function presentTree(core: Core, repo: RepoState, sha: string, recursive: boolean) {
  const git = core.state.git;
  const entries = recursive
    ? git.flatten(sha, true)
    : (git.tree(sha)?.entries ?? []).map((e) => ({ path: e.name, mode: e.mode, type: e.type, sha: e.sha }));
  return {
    sha,
    url: `${repoApiUrl(core, repo)}/git/trees/${sha}`,
    tree: entries.map((e) => ({
      path: e.path,
      mode: e.mode,
      type: e.type,
      sha: e.sha,
      ...(e.type === 'blob' ? { size: git.blob(e.sha)?.content.byteLength ?? 0 } : {}),
      url: `${repoApiUrl(core, repo)}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
    })),
    truncated: false,
  };
}

const BlobBody = z.object({ content: z.string(), encoding: z.string().optional() });

const TreeBody = z.object({
  base_tree: z.string().optional(),
  tree: z.array(
    z.object({
      path: z.string(),
      mode: z.enum(['100644', '100755', '040000', '160000', '120000']),
      type: z.enum(['blob', 'tree', 'commit']),
      sha: z.string().nullable().optional(),
      content: z.string().optional(),
    }),
  ),
});

const Person = z.object({ name: z.string(), email: z.string(), date: z.string().optional() });

const CommitBody = z.object({
  message: z.string(),
  tree: z.string(),
  parents: z.array(z.string()).optional(),
  author: Person.optional(),
  committer: Person.optional(),
  signature: z.string().optional(),
});

const CreateRefBody = z.object({ ref: z.string(), sha: z.string() });
const UpdateRefBody = z.object({ sha: z.string(), force: z.boolean().optional() });

function createTree(ctx: RequestContext) {
  const repo = ctx.repo();
  const body = parseBody(TreeBody, ctx.body);
  const git = ctx.core.state.git;
  let baseTree: string | null = null;
  if (body.base_tree !== undefined) {
    const resolved = git.tree(body.base_tree) ?? (git.commit(body.base_tree) ? git.tree(git.commit(body.base_tree)?.tree ?? '') : undefined);
    if (!resolved) throw new HttpError(422, 'Invalid tree info', { documentationUrl: 'https://docs.github.com/rest/git/trees#create-a-tree' });
    baseTree = resolved.sha;
  }
  const changes: TreeChange[] = body.tree.map((e, i) => {
    if (e.content !== undefined && e.sha !== undefined && e.sha !== null) {
      throw new HttpError(422, 'Invalid tree info: Must supply either tree.sha or tree.content, not both.');
    }
    if (e.content !== undefined) {
      const blob = git.putBlob(Buffer.from(e.content, 'utf8'));
      return { path: e.path, mode: e.mode, type: 'blob', sha: blob.sha };
    }
    if (e.sha === null || e.sha === undefined) {
      if (e.sha === undefined) throw new HttpError(422, `Must supply a valid tree.sha or tree.content. Missing on tree.${i}.`);
      return { path: e.path, mode: e.mode, type: e.type, sha: null };
    }
    const object = git.get(e.sha);
    if (e.type !== 'commit' && (!object || object.type !== e.type)) {
      throw new HttpError(422, `tree.sha ${e.sha} is not a valid ${e.type}`, { documentationUrl: 'https://docs.github.com/rest/git/trees#create-a-tree' });
    }
    return { path: e.path, mode: e.mode, type: e.type, sha: e.sha };
  });
  const sha = git.applyChanges(baseTree, changes);
  return ok(presentTree(ctx.core, repo, sha, false), 201);
}

function createCommit(ctx: RequestContext) {
  const repo = ctx.repo();
  const body = parseBody(CommitBody, ctx.body);
  const git = ctx.core.state.git;
  if (!git.tree(body.tree)) throw new HttpError(422, 'Tree SHA does not exist', { documentationUrl: 'https://docs.github.com/rest/git/commits#create-a-commit' });
  for (const p of body.parents ?? []) {
    if (!git.commit(p)) throw new HttpError(422, 'Parent SHA does not exist or is not a commit object', { documentationUrl: 'https://docs.github.com/rest/git/commits#create-a-commit' });
  }
  const date = isoNow();
  const fallback = signatureOf(ctx.actor(), date);
  const author = body.author ? { name: body.author.name, email: body.author.email, date: body.author.date ?? date } : undefined;
  const committer = body.committer ? { name: body.committer.name, email: body.committer.email, date: body.committer.date ?? date } : undefined;
  const commit = git.putCommit({
    tree: body.tree,
    parents: body.parents ?? [],
    message: body.message,
    author: author ?? committer ?? fallback,
    committer: committer ?? author ?? fallback,
  });
  return ok(presentGitCommit(ctx.core, repo, commit), 201);
}

function normalizeRefParam(ref: string): string {
  return ref.replace(/^refs\//, '');
}

function updateRef(ctx: RequestContext) {
  const repo = ctx.repo();
  const body = parseBody(UpdateRefBody, ctx.body);
  const ref = normalizeRefParam(ctx.params.ref ?? '');
  if (!repo.refs.has(ref)) throw new HttpError(422, 'Reference does not exist', { documentationUrl: `${DOCS_REFS}#update-a-reference` });
  const commit = ctx.core.state.git.commit(body.sha);
  if (!commit) throw new HttpError(422, 'Object does not exist', { documentationUrl: `${DOCS_REFS}#update-a-reference` });
  if (ref.startsWith('heads/') && repo.protectedBranches.has(ref.slice('heads/'.length))) throw protectedBranchError(422);
  if (ctx.forceConflict(`PATCH ${repo.id} ${ref} ${commit.message}`)) {
    throw new HttpError(409, 'Reference update failed', { documentationUrl: `${DOCS_REFS}#update-a-reference` });
  }
  moveRef(ctx.core, repo, ref, commit.sha, { sender: ctx.actor(), force: body.force ?? false });
  return ok(presentRef(ctx.core, repo, ref, commit.sha));
}

export const gitRoutes: readonly RouteDef[] = [
  route('GET', '/repos/{owner}/{repo}/git/blobs/{file_sha}', (ctx) => {
    const repo = ctx.repo();
    const blob = ctx.core.state.git.blob(ctx.params.file_sha ?? '');
    if (!blob) throw notFound('https://docs.github.com/rest/git/blobs#get-a-blob');
    return ok({
      sha: blob.sha,
      node_id: `B_kwDO${Buffer.from(blob.sha.slice(0, 12)).toString('base64url')}`,
      size: blob.content.byteLength,
      url: `${repoApiUrl(ctx.core, repo)}/git/blobs/${blob.sha}`,
      content: githubBase64(blob.content),
      encoding: 'base64',
    });
  }),

  route('POST', '/repos/{owner}/{repo}/git/blobs', (ctx) => {
    const repo = ctx.repo();
    const body = parseBody(BlobBody, ctx.body);
    const encoding = body.encoding ?? 'utf-8';
    if (encoding !== 'utf-8' && encoding !== 'utf8' && encoding !== 'base64') {
      throw new HttpError(422, `encoding must be either utf-8 or base64`, { documentationUrl: 'https://docs.github.com/rest/git/blobs#create-a-blob' });
    }
    const blob = ctx.core.state.git.putBlob(Buffer.from(body.content, encoding === 'base64' ? 'base64' : 'utf8'));
    return ok({ url: `${repoApiUrl(ctx.core, repo)}/git/blobs/${blob.sha}`, sha: blob.sha }, 201);
  }),

  route('POST', '/repos/{owner}/{repo}/git/trees', createTree),

  route('GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}', (ctx) => {
    const repo = ctx.repo();
    const git = ctx.core.state.git;
    const wanted = ctx.params.tree_sha ?? '';
    const sha = git.tree(wanted)?.sha ?? lookupRef(ctx.core, repo, wanted)?.commit.tree;
    if (!sha) throw notFound('https://docs.github.com/rest/git/trees#get-a-tree');
    const recursive = ctx.query.has('recursive') && !['0', 'false'].includes(ctx.query.get('recursive') ?? '');
    return ok(presentTree(ctx.core, repo, sha, recursive));
  }),

  route('POST', '/repos/{owner}/{repo}/git/commits', createCommit),

  route('GET', '/repos/{owner}/{repo}/git/commits/{commit_sha}', (ctx) => {
    const repo = ctx.repo();
    const commit = ctx.core.state.git.commit(ctx.params.commit_sha ?? '');
    if (!commit) throw notFound('https://docs.github.com/rest/git/commits#get-a-commit-object');
    return ok(presentGitCommit(ctx.core, repo, commit));
  }),

  route('GET', '/repos/{owner}/{repo}/git/ref/{ref}', (ctx) => {
    const repo = ctx.repo();
    const ref = normalizeRefParam(ctx.params.ref ?? '');
    const sha = repo.refs.get(ref);
    if (!sha) throw notFound(`${DOCS_REFS}#get-a-reference`);
    return ok(presentRef(ctx.core, repo, ref, sha));
  }),

  route('GET', '/repos/{owner}/{repo}/git/matching-refs/{ref}', (ctx) => {
    const repo = ctx.repo();
    const prefix = normalizeRefParam(ctx.params.ref ?? '');
    const refs = [...repo.refs.entries()].filter(([ref]) => ref.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1));
    return ok(refs.map(([ref, sha]) => presentRef(ctx.core, repo, ref, sha)));
  }),

  route('POST', '/repos/{owner}/{repo}/git/refs', (ctx) => {
    const repo = ctx.repo();
    const body = parseBody(CreateRefBody, ctx.body);
    if (!body.ref.startsWith('refs/') || body.ref.split('/').length < 3) {
      throw new HttpError(422, "Reference name must start with 'refs/' and have at least two slashes.", { documentationUrl: `${DOCS_REFS}#create-a-reference` });
    }
    const ref = normalizeRefParam(body.ref);
    if (repo.refs.has(ref)) throw new HttpError(422, 'Reference already exists', { documentationUrl: `${DOCS_REFS}#create-a-reference` });
    if (!ctx.core.state.git.commit(body.sha)) throw new HttpError(422, 'Object does not exist', { documentationUrl: `${DOCS_REFS}#create-a-reference` });
    moveRef(ctx.core, repo, ref, body.sha, { sender: ctx.actor(), force: true });
    return ok(presentRef(ctx.core, repo, ref, body.sha), 201, { location: `${repoApiUrl(ctx.core, repo)}/git/refs/${ref}` });
  }),

  route('PATCH', '/repos/{owner}/{repo}/git/refs/{ref}', updateRef),

  route('DELETE', '/repos/{owner}/{repo}/git/refs/{ref}', (ctx) => {
    const repo = ctx.repo();
    const ref = normalizeRefParam(ctx.params.ref ?? '');
    if (!repo.refs.has(ref)) throw new HttpError(422, 'Reference does not exist', { documentationUrl: `${DOCS_REFS}#delete-a-reference` });
    if (ref.startsWith('heads/') && repo.protectedBranches.has(ref.slice('heads/'.length))) throw protectedBranchError(422);
    moveRef(ctx.core, repo, ref, null, { sender: ctx.actor(), force: true });
    return noContent();
  }),
];
