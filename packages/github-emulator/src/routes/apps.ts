/** GitHub App routes: app JWT endpoints, installation tokens, and the installation's repositories. */
import { randomBytes } from 'node:crypto';
import { HttpError, notFound } from '../http-error.js';
import { presentInstallation, presentIntegration, presentRepoAsRepository } from '../present.js';
import { intParam, ok, paginate, route, type RouteDef } from '../router.js';
import type { InstallationState } from '../state.js';

const TOKEN_TTL_MS = 60 * 60 * 1000;

const PERMISSIONS = { checks: 'write', contents: 'write', issues: 'write', metadata: 'read', pull_requests: 'write' };

function installationOr404(installations: ReadonlyMap<number, InstallationState>, id: string | undefined): InstallationState {
  const inst = installations.get(intParam(id));
  if (!inst) throw notFound('https://docs.github.com/rest/apps/apps#get-an-installation-for-the-authenticated-app');
  return inst;
}

export const appRoutes: readonly RouteDef[] = [
  route('GET', '/app', (ctx) => ok(presentIntegration(ctx.core, ctx.core.state.app)), 'jwt'),

  route(
    'GET',
    '/app/installations',
    (ctx) => paginate(ctx, [...ctx.core.state.installations.values()], (inst) => presentInstallation(ctx.core, inst)),
    'jwt',
  ),

  route(
    'GET',
    '/app/installations/{installation_id}',
    (ctx) => ok(presentInstallation(ctx.core, installationOr404(ctx.core.state.installations, ctx.params.installation_id))),
    'jwt',
  ),

  route(
    'POST',
    '/app/installations/{installation_id}/access_tokens',
    (ctx) => {
      const inst = installationOr404(ctx.core.state.installations, ctx.params.installation_id);
      const token = `ghs_${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x').slice(0, 36)}`;
      const expiresAt = Date.now() + TOKEN_TTL_MS;
      ctx.core.state.tokens.set(token, { kind: 'installation', installationId: inst.id, expiresAt });
      return ok(
        {
          token,
          expires_at: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          permissions: PERMISSIONS,
          repository_selection: 'selected',
        },
        201,
      );
    },
    'jwt',
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/installation',
    (ctx) => {
      const repo = ctx.core.state.repo(ctx.params.owner ?? '', ctx.params.repo ?? '');
      const inst = repo ? ctx.core.state.installationFor(repo) : undefined;
      if (!inst) throw notFound('https://docs.github.com/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app');
      return ok(presentInstallation(ctx.core, inst));
    },
    'jwt',
  ),

  route(
    'GET',
    '/users/{username}/installation',
    (ctx) => {
      const login = (ctx.params.username ?? '').toLowerCase();
      const inst = [...ctx.core.state.installations.values()].find((i) => i.account.login.toLowerCase() === login);
      if (!inst) throw notFound();
      return ok(presentInstallation(ctx.core, inst));
    },
    'jwt',
  ),

  route('GET', '/installation/repositories', (ctx) => {
    if (ctx.auth.kind !== 'installation') {
      throw new HttpError(403, 'You must authenticate with an installation access token in order to list repositories for an installation.');
    }
    const repos = [...ctx.auth.installation.repos].sort((a, b) => a.id - b.id);
    const page = paginate(ctx, repos, (r) => presentRepoAsRepository(ctx.core, r));
    return { ...page, body: { total_count: repos.length, repository_selection: 'selected', repositories: page.body } };
  }),
];
