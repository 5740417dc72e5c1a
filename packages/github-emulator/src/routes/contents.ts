/** The contents API: read a file or directory, create/update a file (sha-guarded), delete a file. */
import { z } from 'zod';
import type { Core } from '../core.js';
import type { TreeFile } from '../git-store.js';
import { branchHead, createCommit, moveRef, protectedBranchError, signatureOf } from '../git-ops.js';
import { HttpError, notFound } from '../http-error.js';
import { presentGitCommit, repoApiUrl, repoHtmlUrl } from '../present.js';
import { isRepoEmpty, resolveRefOrDefault } from '../refs.js';
import { ok, parseBody, route, type RequestContext, type RouteDef } from '../router.js';
import { isoNow, type RepoState } from '../state.js';

/** GitHub stops inlining file content above 1 MB (content "" and encoding "none"). */
export const INLINE_CONTENT_LIMIT = 1024 * 1024;

const DOCS_PUT = 'https://docs.github.com/rest/repos/contents#create-or-update-file-contents';
const DOCS_DELETE = 'https://docs.github.com/rest/repos/contents#delete-a-file';

/** Base64 wrapped at 60 characters with a trailing newline, as GitHub sends it. */
export function githubBase64(buf: Buffer): string {
  const b64 = buf.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 60) lines.push(b64.slice(i, i + 60));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function entryType(f: TreeFile): 'file' | 'dir' | 'symlink' | 'submodule' {
  if (f.type === 'tree') return 'dir';
  if (f.type === 'commit') return 'submodule';
  return f.mode === '120000' ? 'symlink' : 'file';
}

function presentEntry(core: Core, repo: RepoState, refName: string, f: TreeFile) {
  const type = entryType(f);
  const size = f.type === 'blob' ? (core.state.git.blob(f.sha)?.content.byteLength ?? 0) : 0;
  const url = `${repoApiUrl(core, repo)}/contents/${f.path}?ref=${encodeURIComponent(refName)}`;
  const gitUrl = `${repoApiUrl(core, repo)}/git/${type === 'dir' ? 'trees' : 'blobs'}/${f.sha}`;
  const htmlUrl = `${repoHtmlUrl(core, repo)}/${type === 'dir' ? 'tree' : 'blob'}/${refName}/${f.path}`;
  return {
    name: f.path.split('/').pop() ?? f.path,
    path: f.path,
    sha: f.sha,
    size,
    url,
    html_url: htmlUrl,
    git_url: gitUrl,
    download_url: type === 'file' ? `${core.urls.html}/raw/${repo.owner.login}/${repo.name}/${refName}/${f.path}` : null,
    type,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  };
}

function getContents(ctx: RequestContext) {
  const repo = ctx.repo();
  const path = (ctx.params.path ?? '').replace(/^\/+|\/+$/g, '');
  const ref = resolveRefOrDefault(ctx.core, repo, ctx.query.get('ref'));
  const git = ctx.core.state.git;
  const entry = git.entryAt(ref.commit.tree, path);
  if (!entry) throw notFound('https://docs.github.com/rest/repos/contents#get-repository-content');
  if (entry.type === 'tree') {
    const tree = git.tree(entry.sha);
    const children = (tree?.entries ?? []).map((e) =>
      presentEntry(ctx.core, repo, ref.name, { path: path ? `${path}/${e.name}` : e.name, mode: e.mode, type: e.type, sha: e.sha }),
    );
    return ok(children);
  }
  const blob = git.blob(entry.sha);
  if (!blob) throw notFound();
  const accept = ctx.accept;
  if (/application\/vnd\.github(\.v3)?\.raw/.test(accept)) {
    return { status: 200, body: blob.content, headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' } };
  }
  const tooLarge = blob.content.byteLength > INLINE_CONTENT_LIMIT;
  return ok({
    ...presentEntry(ctx.core, repo, ref.name, entry),
    content: tooLarge ? '' : githubBase64(blob.content),
    encoding: tooLarge ? 'none' : 'base64',
  });
}

const Person = z.object({ name: z.string(), email: z.string(), date: z.string().optional() });

const PutBody = z.object({
  message: z.string(),
  content: z.string(),
  sha: z.string().optional(),
  branch: z.string().optional(),
  committer: Person.optional(),
  author: Person.optional(),
});

const DeleteBody = z.object({
  message: z.string(),
  sha: z.string(),
  branch: z.string().optional(),
  committer: Person.optional(),
  author: Person.optional(),
});

function decodeBase64(content: string): Buffer {
  const compact = content.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new HttpError(422, 'content is not valid Base64', { documentationUrl: DOCS_PUT });
  }
  return Buffer.from(compact, 'base64');
}

function targetBranch(ctx: RequestContext, repo: RepoState, branch: string | undefined, docs: string): { branch: string; head: string | undefined } {
  const name = branch ?? repo.defaultBranch;
  const head = branchHead(repo, name);
  if (!head && !isRepoEmpty(repo)) throw new HttpError(404, `Branch ${name} not found`, { documentationUrl: docs });
  if (repo.protectedBranches.has(name)) throw protectedBranchError(409);
  void ctx;
  return { branch: name, head };
}

function fileCommitResult(ctx: RequestContext, repo: RepoState, branch: string, path: string, commitSha: string, blobSha: string | null) {
  const commit = ctx.core.state.git.commit(commitSha);
  if (!commit) throw new Error('commit vanished');
  const content =
    blobSha === null
      ? null
      : presentEntry(ctx.core, repo, branch, { path, mode: '100644', type: 'blob', sha: blobSha });
  return { content, commit: presentGitCommit(ctx.core, repo, commit) };
}

function putContents(ctx: RequestContext) {
  const repo = ctx.repo();
  const body = parseBody(PutBody, ctx.body);
  const path = (ctx.params.path ?? '').replace(/^\/+|\/+$/g, '');
  const { branch, head } = targetBranch(ctx, repo, body.branch, DOCS_PUT);
  const git = ctx.core.state.git;
  const baseTree = head ? (git.commit(head)?.tree ?? null) : null;
  const existing = baseTree ? git.entryAt(baseTree, path) : undefined;
  if (existing?.type === 'tree') throw new HttpError(422, `Invalid request.\n\n"path" ${path} is a directory.`, { documentationUrl: DOCS_PUT });
  if (existing && body.sha === undefined) throw new HttpError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.', { documentationUrl: DOCS_PUT });
  if (existing && body.sha !== undefined && body.sha !== existing.sha) throw new HttpError(409, `${path} does not match ${body.sha}`, { documentationUrl: DOCS_PUT });
  if (ctx.forceConflict(`PUT ${repo.id} ${branch} ${path} ${body.message}`)) {
    throw new HttpError(409, `${path} does not match ${body.sha ?? existing?.sha ?? ''}`, { documentationUrl: DOCS_PUT });
  }
  const blob = git.putBlob(decodeBase64(body.content));
  const actor = ctx.actor();
  const date = isoNow();
  const author = body.author ? { name: body.author.name, email: body.author.email, date: body.author.date ?? date } : undefined;
  const committer = body.committer ? { name: body.committer.name, email: body.committer.email, date: body.committer.date ?? date } : undefined;
  const commit = createCommit(ctx.core, {
    parents: head ? [head] : [],
    baseTree,
    changes: [{ path, mode: existing?.mode ?? '100644', type: 'blob', sha: blob.sha }],
    message: body.message,
    author: author ?? committer ?? signatureOf(actor, date),
    committer: committer ?? author ?? signatureOf(actor, date),
  });
  moveRef(ctx.core, repo, `heads/${branch}`, commit.sha, { sender: actor, force: false });
  return ok(fileCommitResult(ctx, repo, branch, path, commit.sha, blob.sha), existing ? 200 : 201);
}

function deleteContents(ctx: RequestContext) {
  const repo = ctx.repo();
  const body = parseBody(DeleteBody, ctx.body);
  const path = (ctx.params.path ?? '').replace(/^\/+|\/+$/g, '');
  const { branch, head } = targetBranch(ctx, repo, body.branch, DOCS_DELETE);
  const git = ctx.core.state.git;
  const baseTree = head ? (git.commit(head)?.tree ?? null) : null;
  const existing = baseTree ? git.entryAt(baseTree, path) : undefined;
  if (!existing || existing.type === 'tree') throw notFound(DOCS_DELETE);
  if (body.sha !== existing.sha) throw new HttpError(409, `${path} does not match ${body.sha}`, { documentationUrl: DOCS_DELETE });
  if (ctx.forceConflict(`DELETE ${repo.id} ${branch} ${path} ${body.message}`)) {
    throw new HttpError(409, `${path} does not match ${body.sha}`, { documentationUrl: DOCS_DELETE });
  }
  const actor = ctx.actor();
  const sig = signatureOf(actor);
  const commit = createCommit(ctx.core, {
    parents: head ? [head] : [],
    baseTree,
    changes: [{ path, mode: existing.mode, type: 'blob', sha: null }],
    message: body.message,
    author: body.author ? { ...body.author, date: body.author.date ?? sig.date } : sig,
    committer: body.committer ? { ...body.committer, date: body.committer.date ?? sig.date } : sig,
  });
  moveRef(ctx.core, repo, `heads/${branch}`, commit.sha, { sender: actor, force: false });
  return ok(fileCommitResult(ctx, repo, branch, path, commit.sha, null));
}

export const contentRoutes: readonly RouteDef[] = [
  route('GET', '/repos/{owner}/{repo}/contents/{path}', getContents),
  route('PUT', '/repos/{owner}/{repo}/contents/{path}', putContents),
  route('DELETE', '/repos/{owner}/{repo}/contents/{path}', deleteContents),
];
