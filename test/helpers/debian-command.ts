import { spawnSync } from 'node:child_process';

/**
 * The path of a command from a Debian package (chromium, redis-server), installed with apt when it
 * is missing and this runs as root; a clear failure otherwise. `.ci/run` installs both beforehand.
 */
export function ensureDebianCommand(command: string, pkg: string = command): string {
  const which = () => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
  const found = which();
  if (found !== '') return found;
  if (process.getuid?.() !== 0) {
    throw new Error(`this test needs Debian’s ${pkg}, which is not installed, and only root can install it: run \`apt-get install -y ${pkg}\` as root, then the test again`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['-qq', 'update'], ['-qq', '-y', '--no-install-recommends', 'install', pkg]]) {
    const result = spawnSync('apt-get', args, { encoding: 'utf8', env, timeout: args.includes('update') ? 120_000 : 420_000 });
    if (result.status !== 0) {
      const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
      throw new Error(`could not install ${pkg} (apt-get ${args.join(' ')}: ${result.error?.message ?? `exit ${result.status}`}):\n${output}`);
    }
  }
  const installed = which();
  if (installed === '') throw new Error(`apt-get installed ${pkg}, but there is no \`${command}\` on the PATH`);
  return installed;
}
