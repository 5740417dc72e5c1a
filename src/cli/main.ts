#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError } from '../core/config/config.js';
import { EnvError, parseEnv } from '../core/config/env.js';
import { readPackageVersion } from './read-package-version.js';
import { readSyncSettings } from './read-sync-settings.js';
import { runPlan } from './run-plan.js';
import { UsageError } from './read-local-roadmap.js';

const HELP = `roadmap-sync — keep a markdown roadmap and GitHub issues in step

Usage:
  roadmap-sync plan [FILE|DIR ...] [--config FILE] [--json]
      Offline: show the issues, milestones and labels the app would create on an empty
      repository. A DIR is read like a repository root (its .github/roadmap-sync.yml picks the
      files; default names: ROADMAP.md, TODO.md, FUTURE*.md, BACKLOG.md, docs/roadmap*.md).
      A FILE is read as a roadmap whatever its name. Exit 0 when every file gave items, 1 when
      one gave none (plan says what it saw and which option would help), 2 when one could not
      be read (over a parse limit, binary); with several files, the worst.

  roadmap-sync sync --repo OWNER/NAME [--dry-run] [--json] [--confirm-bulk]
      Converge a GitHub repository with its roadmap, using GITHUB_TOKEN (and GITHUB_API_URL
      for GitHub Enterprise Server or the local emulator). --dry-run prints the plan only.
      OWNER/NAME as in octo-org/octo-repo; a pasted URL is refused with the OWNER/NAME it names.

Options:
  --config FILE   use this config instead of DIR/.github/roadmap-sync.yml
  --json          machine-readable output
  -h, --help      this help
  -v, --version   the installed version

Exit codes: 0 ok, 1 sync finished with errors or stopped, or GitHub could not be reached,
2 bad usage, input, environment variable or config.`;

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    out.write(`${HELP}\n`);
    return command ? 0 : 2;
  }
  if (command === '-v' || command === '--version') {
    out.write(`${readPackageVersion()}\n`);
    return 0;
  }
  try {
    if (command === 'plan') {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { config: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      });
      if (values.help) {
        out.write(`${HELP}\n`);
        return 0;
      }
      return await runPlan({ targets: positionals, configFile: values.config ?? null, json: values.json ?? false }, out);
    }
    if (command === 'sync') {
      const { values } = parseArgs({
        args: rest,
        options: {
          repo: { type: 'string' },
          'dry-run': { type: 'boolean', default: false },
          json: { type: 'boolean', default: false },
          'confirm-bulk': { type: 'boolean', default: false },
          help: { type: 'boolean', short: 'h' },
        },
      });
      if (values.help) {
        out.write(`${HELP}\n`);
        return 0;
      }
      const settings = readSyncSettings(values.repo ?? null, process.env);
      const { runSync } = await import('./run-sync.js');
      return await runSync(
        { ...settings, dryRun: values['dry-run'] ?? false, json: values.json ?? false, confirmBulk: values['confirm-bulk'] ?? false },
        out,
        err,
      );
    }
    throw new UsageError(`unknown command "${command}" (try: roadmap-sync --help)`);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof EnvError) {
      err.write(`roadmap-sync: ${error.message}\n`);
      return 2;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      err.write(`roadmap-sync: ${error.message} (try: roadmap-sync --help)\n`);
      return 2;
    }
    throw error;
  }
}

const invokedDirectly = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
const loadedByBin = runsAsBin();
if (invokedDirectly || loadedByBin) {
  // `roadmap-sync plan | head`: a closed pipe ends the output, not the process with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`roadmap-sync: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

/** bin/roadmap-sync.js sets ROADMAP_SYNC_CLI=1, so that this module runs as the CLI once it has loaded it. */
function runsAsBin(): boolean {
  try {
    return parseEnv(process.env, ['ROADMAP_SYNC_CLI']).ROADMAP_SYNC_CLI === true;
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    process.stderr.write(`roadmap-sync: ${error.message}\n`);
    process.exit(2);
  }
}
