import type { Context } from 'probot';
import type { AppRuntime } from './app-runtime.js';
import { scheduleConverge } from './schedule-converge.js';

interface InstalledRepo {
  name: string;
  full_name: string;
}

/** installation.created, installation_repositories.added: converge each repository in the background. */
export function handleInstallation(rt: AppRuntime) {
  return (context: Context<'installation.created'> | Context<'installation_repositories.added'>): Promise<void> => {
    const payload = context.payload;
    const repos: InstalledRepo[] = 'repositories_added' in payload ? payload.repositories_added : (payload.repositories ?? []);
    const installationId = payload.installation.id;
    const reason = context.name === 'installation' ? 'installation' : 'repositories added';
    const targets = repos.map((r) => ({ installationId, repo: { owner: r.full_name.split('/')[0] ?? '', repo: r.name } }));
    context.log.info({ installation: installationId, repositories: repos.length }, `${repos.length} ${repos.length === 1 ? 'repository' : 'repositories'} queued for a first converge`);
    return Promise.all(targets.map((target) => scheduleConverge(rt, target, { reason }))).then(() => undefined);
  };
}
