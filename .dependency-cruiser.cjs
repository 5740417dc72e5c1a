/**
 * The layering of ARCHITECTURE.md, checked by `npm run lint:deps` (part of `npm test`):
 * sandbox, cli, app, action → shell → core; core does no I/O; only the sandbox embeds the emulator.
 * test/dependency-rules.test.ts runs these rules over deliberately wrong fixtures.
 *
 * Paths in the rules are relative to the directory depcruise runs in: the repository root, or a
 * fixture tree shaped like it (its node_modules and packages are then reached through ../).
 * @type {import('dependency-cruiser').IConfiguration}
 */

/** Node modules that do I/O; node:crypto, node:path, node:url and the like stay allowed in core. */
const NODE_IO = ['fs', 'fs/promises', 'http', 'https', 'http2', 'net', 'child_process', 'worker_threads', 'dgram', 'tls'];

module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core is pure: it imports no shell, entry point or sandbox module.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(shell|app|cli|sandbox|action)/' },
    },
    {
      name: 'core-no-io',
      comment: 'src/core does no I/O: no Node file, network or process modules (pass data in instead).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'], path: `^(node:)?(${NODE_IO.join('|')})$` },
    },
    {
      name: 'core-no-github-client',
      comment: 'src/core never talks to GitHub: no probot, no @octokit (the shell owns the client).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '(^|/)node_modules/(probot|@octokit/[^/]+)/' },
    },
    {
      name: 'shell-below-entry-points',
      comment: 'src/shell serves the app, the CLI, the Action and the sandbox; it imports none of them.',
      severity: 'error',
      from: { path: '^src/shell/' },
      to: { path: '^src/(app|cli|sandbox|action)/' },
    },
    {
      name: 'app-independent',
      comment: 'src/app is an entry point: it imports neither the CLI, the Action nor the sandbox.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/(cli|sandbox|action)/' },
    },
    {
      name: 'cli-independent',
      comment: 'src/cli is an entry point: it imports neither the app, the Action nor the sandbox.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/(app|sandbox|action)/' },
    },
    {
      name: 'action-independent',
      comment: 'src/action is an entry point, bundled on its own: it imports only src/core and src/shell (no app, CLI or sandbox).',
      severity: 'error',
      from: { path: '^src/action/' },
      to: { path: '^src/(app|cli|sandbox)/' },
    },
    {
      name: 'src-not-to-tests',
      comment: 'Production code imports no test or benchmark code.',
      severity: 'error',
      from: { path: '^(src|packages/[^/]+/src)/' },
      to: { path: '^(test|bench|packages/[^/]+/test)/' },
    },
    {
      name: 'emulator-only-in-sandbox',
      comment: 'The in-memory GitHub is a test double: of src/, only the sandbox may embed it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/sandbox/' },
      to: { path: '(^|/)(packages/github-emulator|node_modules/@roadmap-sync/github-emulator)/' },
    },
    {
      name: 'no-circular',
      comment: 'Modules that import each other cannot be understood, tested or loaded one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing would also escape every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: `import type` from a layer above is still a wrong arrow.
    tsPreCompilationDeps: true,
    // Absolute, so the fixture trees of the test resolve `.js` specifiers to `.ts` files the same way.
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
