import fc from 'fast-check';

/**
 * Property tests explore new inputs on every local run; CI replays one fixed seed so a landing is
 * reproducible. FC_SEED=<n> replays a reported counterexample anywhere.
 */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20_261_123 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
