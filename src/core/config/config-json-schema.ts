import { configJsonSchema } from './config.js';

/** The JSON Schema file's exact text, so a test can tell when the committed copy is stale. */
export function renderJsonSchema(): string {
  const schema = configJsonSchema() as Record<string, unknown>;
  return `${JSON.stringify(
    {
      title: 'roadmap-sync configuration (.github/roadmap-sync.yml)',
      ...schema,
    },
    null,
    2,
  )}\n`;
}
