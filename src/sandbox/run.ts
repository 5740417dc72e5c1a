/** `npm run sandbox`: the whole flow on a local GitHub, no account needed (see --help). */
import { parseSandboxArgs, SANDBOX_HELP, type ParsedSandboxArgs } from './parse-sandbox-args.js';
import { runSandbox } from './run-sandbox.js';

function fail(message: string): never {
  process.stderr.write(`sandbox: ${message}\n`);
  process.exit(1);
}

let parsed: ParsedSandboxArgs;
try {
  parsed = parseSandboxArgs(process.argv.slice(2));
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\nTry: npm run sandbox -- --help`);
}
if (parsed.help) {
  process.stdout.write(`${SANDBOX_HELP}\n`);
  process.exit(0);
}

const { options, timeoutMs } = parsed;
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (options.keep && !stop.signal.aborted) {
      process.stderr.write('\nsandbox: stopping…\n');
      stop.abort();
    } else process.exit(130);
  });
}
// Never hang: the story has a deadline (--keep time does not count).
const deadline = setTimeout(() => fail(`the story did not finish within ${timeoutMs / 1000} s; giving up`), timeoutMs);

let ok = false;
try {
  ({ ok } = await runSandbox({ ...options, signal: stop.signal, onStoryDone: () => clearTimeout(deadline) }, process.stdout));
} catch (error) {
  fail(`failed: ${error instanceof Error ? error.message : String(error)}`);
}
clearTimeout(deadline);
// The story judges itself: an issue changed that it did not mean to change is a failed run.
process.exitCode = ok ? 0 : 1;
// Everything is closed by now; should a stray handle linger, do not wait for it.
setTimeout(() => process.exit(ok ? 0 : 1), 2_000).unref();
