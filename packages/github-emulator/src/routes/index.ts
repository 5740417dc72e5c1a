import type { RouteDef } from '../router.js';
import { appRoutes } from './apps.js';
import { checkRoutes } from './checks.js';
import { contentRoutes } from './contents.js';
import { gitRoutes } from './git.js';
import { issueRoutes } from './issues.js';
import { labelRoutes } from './labels.js';
import { milestoneRoutes } from './milestones.js';
import { pullRoutes } from './pulls.js';
import { repoRoutes } from './repos.js';
import { rateLimitRoutes } from './rate-limit.js';

export const allRoutes: readonly RouteDef[] = [
  ...appRoutes,
  ...repoRoutes,
  ...contentRoutes,
  ...gitRoutes,
  ...issueRoutes,
  ...labelRoutes,
  ...milestoneRoutes,
  ...pullRoutes,
  ...checkRoutes,
  ...rateLimitRoutes,
];

/** Every route the emulator serves, as "METHOD /template". */
export function servedRoutes(): string[] {
  return allRoutes.map((r) => `${r.method} ${r.template}`);
}
