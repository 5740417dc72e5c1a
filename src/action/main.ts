/** The GitHub Action's entry (action.yml → dist/action/main.js, bundled by scripts/bundle-action.mjs). */
import { runAction } from './run-action.js';

process.exitCode = await runAction(process.env);
