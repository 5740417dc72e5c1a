import type { ConfigError } from '../core/config/config.js';
import { renderConfigErrorReport } from '../core/checks/render-check-reports.js';
import type { ApplyContext } from '../shell/apply-ops.js';
import { writeCheckRun } from '../shell/write-check-run.js';

/**
 * A bad `.github/roadmap-sync.yml` is reported where its author looks: a failing `roadmap-sync`
 * check run on the commit, naming the file and each problem. Nothing else is written.
 */
export async function reportConfigError(ctx: ApplyContext, headSha: string, error: ConfigError): Promise<void> {
  ctx.log.warn({ sha: headSha, problems: error.problems }, `invalid config: ${error.message}`);
  await writeCheckRun(ctx, renderConfigErrorReport(headSha, error));
}
