/**
 * `.github/roadmap-sync.yml`: the zod schema is the single source of the config's types, its
 * defaults, its JSON Schema (schema/roadmap-sync.schema.json) and its validation messages.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { globProblem } from '../roadmap/glob.js';
import { regexHazard } from '../roadmap/regex-hazard.js';

export const CONFIG_PATH = '.github/roadmap-sync.yml';

/** Patterns are matched case-insensitively; bounded in length so a config cannot carry a pathological regex. */
const pattern = z
  .string()
  .min(1)
  .max(200)
  .refine(isValidRegex, { message: 'not a valid regular expression' })
  .superRefine((source, ctx) => {
    const hazard = isValidRegex(source) ? regexHazard(source) : null;
    if (hazard !== null) ctx.addIssue({ code: 'custom', message: hazard });
  });

const color = z.string().regex(/^[0-9a-fA-F]{6}$/, 'expected 6 hex digits without "#", like "0e8a16"');

const glob = z
  .string()
  .min(1)
  .max(200)
  .refine((g) => !g.startsWith('/') && !g.split('/').includes('..'), {
    message: 'must be a path inside the repository (no leading "/", no "..")',
  })
  .superRefine((g, ctx) => {
    const problem = globProblem(g);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

export const DEFAULT_FILES = [
  '**/ROADMAP*.md',
  '**/ROAD_MAP*.md',
  '**/TODO',
  '**/TODO*.md',
  '**/FUTURE*.md',
  '**/BACKLOG*.md',
  '**/PENDING_FEATURES*.md',
  'docs/roadmap*.md',
  'docs/**/roadmap*.md',
];

export const configSchema = z
  .object({
    files: z
      .array(glob)
      .min(1)
      .max(50)
      .default(DEFAULT_FILES)
      .describe('Globs of the roadmap files, matched case-insensitively against repository paths.'),
    exclude: z
      .array(glob)
      .max(50)
      .default(['**/node_modules/**', '**/vendor/**', '**/CHANGELOG*'])
      .describe('Globs of paths never read as roadmaps.'),
    headings: z
      .object({
        milestone: z
          .array(pattern)
          .max(50)
          .default([
            '^v?\\d+\\.\\d+',
            '\\b(release|version|milestone)\\b',
            '\\b(phase|stage|fase|etapa|sprint|week|weeks|month|months)\\s*[\\d.]+',
            '\\bq[1-4]\\b',
            '\\b(19|20)\\d\\d\\b',
            '\\bh[12]\\b',
            '^(now|next|later|soon|future|backlog|near[- ]term|mid[- ]term|medium[- ]term|long[- ]term|short[- ]term|recently completed|completed|in progress|done)\\b',
            '\\bmvp\\b',
          ])
          .describe('A heading matching one of these (case-insensitive regular expressions) names a milestone.'),
        priority: z
          .array(pattern)
          .max(50)
          .default([
            '^(highest|high|medium|normal|low|lowest|top|critical|urgent)$',
            '^(highest|high|medium|normal|low|lowest|top|critical|urgent)[- ]priorit(y|ies)\\b',
            '^(priority|prioridad|prioridade|priorité|priorität)\\s*[:#\\-–]?\\s*(p?\\d|highest|high|medium|normal|low|lowest|critical|urgent|alta|media|média|baja|baixa)\\b',
            '^p[0-4]\\b',
            '^(nice[- ]to[- ]have|must[- ]have|should[- ]have|could[- ]have)\\b',
          ])
          .describe('A heading matching one of these becomes a priority label instead of a milestone or area.'),
        milestoneLevel: z
          .union([z.literal('auto'), z.number().int().min(1).max(6)])
          .default('auto')
          .describe(
            'Heading level used as the milestone when no heading names a release. "auto": the first level under the document title.',
          ),
        areaLabels: z.boolean().default(true).describe('Headings below the milestone level become area labels.'),
        itemLevel: z
          .number()
          .int()
          .min(1)
          .max(6)
          .nullable()
          .default(null)
          .describe('Heading-per-item roadmaps: take items from headings of this level (their prose is the body).'),
      })
      .prefault({}),
    skip: z
      .object({
        sections: z
          .array(pattern)
          .max(100)
          .default([
            '^(overview|purpose|introduction|intro|about|summary|notes?|table of contents|contents|toc|references?|changelog|change log|history|license|legend|glossary|background|motivation|contributing|how to contribute|feedback|contact|faq|appendix|see also|links|resources|status|conclusion|success metrics|metrics|related documents?|credits|acknowledg(e)?ments|thanks)$',
            '\\b(notes|overview|status)$',
            '^prioriti[sz]ation\\b',
            '^((key |success )?metrics|(success|acceptance|exit|completion) criteria|definition of done)\\b',
          ])
          .describe('Sections whose heading matches are not work: their items are ignored.'),
        context: z
          .array(pattern)
          .max(100)
          .default([
            '^(goal|goals|vision|note|notes|status|why|rationale|context|description|summary|owner|owners|priority|effort|estimate|impact|dependencies|depends on|deadline|target|timeline|eta|scope|outcome|success criteria|acceptance criteria|actions|tasks|details|benefit|benefits|problem|solution|risks?|prioridad|estado|objetivo|メモ|备注|注意)\\s*:',
          ])
          .describe(
            'A bullet whose text starts with a match is context: it goes into its parent issue or the section milestone, not an issue of its own.',
          ),
      })
      .prefault({}),
    labels: z
      .object({
        roadmap: z.string().min(1).max(50).default('roadmap').describe('Label every managed issue carries.'),
        priorityPrefix: z.string().max(30).default('priority: '),
        areaPrefix: z.string().max(30).default(''),
        colors: z
          .object({
            roadmap: color.default('0e8a16'),
            priority: color.default('d93f0b'),
            area: color.default('1d76db'),
          })
          .prefault({}),
      })
      .prefault({}),
    checked: z
      .enum(['skip', 'create-closed'])
      .default('skip')
      .describe('Checked items without an issue: skip them, or create them closed.'),
    removed: z
      .enum(['close', 'label', 'leave'])
      .default('close')
      .describe('Issues whose item was removed: close as not planned, add a "roadmap: removed" label, or leave.'),
    notPlanned: z
      .enum(['leave', 'check', 'strike'])
      .default('leave')
      .describe('When an issue is closed as not planned: leave the checkbox, check it, or strike the item through.'),
    children: z
      .enum(['sub-issues', 'task-list'])
      .default('sub-issues')
      .describe('Nested items: link them as GitHub sub-issues, or list them as a task list in the parent body.'),
    milestones: z
      .enum(['follow', 'keep'])
      .default('follow')
      .describe('A milestone set by hand on an issue: follow the roadmap (overwrite), or keep the hand-set one.'),
    references: z
      .boolean()
      .default(true)
      .describe('A trailing #N, (#N) or issue URL binds the item to issue N when that is safe; false: references are plain text.'),
    bulk: z
      .object({
        maxCount: z.number().int().min(0).default(10),
        maxShare: z.number().min(0).max(1).default(0.2),
        confirm: z.boolean().default(false).describe('Allow converges that close or retitle more than the bounds.'),
      })
      .prefault({})
      .describe('A converge that would close or retitle more than maxCount issues and maxShare of them stops.'),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

export const DEFAULT_CONFIG: Config = configSchema.parse({});

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Validate an already-parsed value (for example from Probot's config loader). */
export function parseConfigValue(value: unknown, source = CONFIG_PATH): Config {
  const result = configSchema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new ConfigError(source, result.error.issues.map(formatIssue));
}

/** Parse the YAML text of a config file; throws ConfigError naming the line or the field. */
export function parseConfigText(text: string, source = CONFIG_PATH): Config {
  let value: unknown;
  try {
    value = parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const line = error.linePos?.[0]?.line;
      throw new ConfigError(source, [`invalid YAML${line ? ` at line ${line}` : ''}: ${firstLine(error.message)}`]);
    }
    throw error;
  }
  if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
    throw new ConfigError(source, ['expected a mapping of options at the top level']);
  }
  return parseConfigValue(value, source);
}

export function formatIssue(issue: z.core.$ZodIssue): string {
  const path = formatPath(issue.path);
  return `${path || '(top level)'}: ${describeIssue(issue)}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const received = /received (\w+)/.exec(issue.message)?.[1];
      return `expected ${issue.expected}${received ? `, got ${received}` : ''}`;
    }
    case 'unrecognized_keys':
      return `unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

function formatPath(path: PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source, 'iu');
    return true;
  } catch {
    return false;
  }
}

/** Compile config patterns once; every pattern is case-insensitive and unicode-aware. */
export function compilePatterns(patterns: readonly string[]): RegExp[] {
  return patterns.map((p) => new RegExp(p, 'iu'));
}

export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' });
}
