import { parseArgs } from 'node:util';
import type { SandboxOptions } from './run-sandbox.js';

export const SANDBOX_HELP = `Usage: npm run sandbox -- [--roadmap FILE] [--keep] [--quiet | --json] [--timeout SECONDS]

Starts a local GitHub (the in-memory emulator) with a demo repository, installs the real
roadmap-sync app on it over HTTP, and plays the story, printing what happened at each step:
  1. the app is installed → it creates issues, milestones, labels and sub-issue links
  2. a person closes an issue → the app checks the item in the markdown (commit + diff)
  3. a person opens a pull request editing the roadmap → the app's check run previews the merge
  4. the pull request is merged → the app creates, retitles and closes issues
No GitHub account, no network beyond 127.0.0.1.

Options:
  --roadmap FILE     use your own roadmap (as ROADMAP.md, default config) instead of the
                     five example roadmaps in seeds/
  --keep             keep the local GitHub and the app running afterwards, and print how to
                     poke them (API URL, token, CLI and curl examples); Ctrl-C stops
  --quiet            print only the summary
  --json             print the report as JSON
  --timeout SECONDS  give up after this long (default 120; not counting --keep time)
  -h, --help         this help

Exit code 0 when every step did what it should, 1 otherwise.`;

export type ParsedSandboxArgs = { help: true } | { help: false; options: SandboxOptions; timeoutMs: number };

/** Throws an Error with a readable message on bad arguments. */
export function parseSandboxArgs(argv: readonly string[]): ParsedSandboxArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      roadmap: { type: 'string' },
      keep: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return { help: true };
  if (positionals.length > 0) throw new Error(`unexpected argument: ${positionals[0]} (did you mean --roadmap ${positionals[0]}?)`);
  if (values.quiet && values.json) throw new Error('--quiet and --json cannot be combined');
  const timeout = values.timeout === undefined ? 120 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new Error(`--timeout must be a positive number of seconds, got "${values.timeout}"`);
  const options: SandboxOptions = {
    keep: values.keep,
    output: values.json ? 'json' : values.quiet ? 'quiet' : 'text',
    ...(values.roadmap !== undefined ? { roadmap: values.roadmap } : {}),
  };
  return { help: false, options, timeoutMs: timeout * 1000 };
}
