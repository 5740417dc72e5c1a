/**
 * `.github/roadmap-sync.yml`: the zod schema is the single source of the config's types, its
 * defaults, its JSON Schema (schema/roadmap-sync.schema.json) and its validation messages.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { globProblem } from '../roadmap/glob.js';
import { regexHazard } from '../roadmap/regex-hazard.js';
import { closestMatch } from '../text/closest-match.js';

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
  .strictObject({
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
      .strictObject({
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
      .strictObject({
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
      .strictObject({
        roadmap: z.string().min(1).max(50).default('roadmap').describe('Label every managed issue carries.'),
        priorityPrefix: z.string().max(30).default('priority: '),
        areaPrefix: z.string().max(30).default(''),
        colors: z
          .strictObject({
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
      .strictObject({
        maxCount: z.number().int().min(0).default(10),
        maxShare: z.number().min(0).max(1).default(0.2),
        confirm: z.boolean().default(false).describe('Allow converges that close or retitle more than the bounds.'),
      })
      .prefault({})
      .describe('A converge that would close or retitle more than maxCount issues and maxShare of them stops.'),
  });

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
  throw new ConfigError(source, result.error.issues.flatMap(issueProblems));
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
  return issueProblems(issue).join('; ');
}

/** One problem per unknown key, each named by its full path; one per other issue, prefixed with its path. */
function issueProblems(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => describeUnknownOption(issue.path, key));
  const path = formatPath(issue.path);
  return [`${path || '(top level)'}: ${describeIssue(issue)}`];
}

function describeUnknownOption(parent: PropertyKey[], key: string): string {
  const sibling = closestMatch(key, optionKeysAt(configSchema, parent));
  const suggestions = sibling !== null ? [formatPath([...parent, sibling])] : optionsNamed(key, parent);
  const hint = suggestions.length > 0 ? ` (did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?)` : '';
  return `unknown option "${formatPath([...parent, key])}"${hint}`;
}

/** The option names of the object at `path` in the schema (none when the path leads elsewhere). */
function optionKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const node = unwrapSchema(schema);
  const [head, ...rest] = path;
  if (head === undefined) return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
  if (node instanceof z.ZodArray && typeof head === 'number') return optionKeysAt(node.element as z.ZodType, rest);
  if (node instanceof z.ZodObject && typeof head === 'string') {
    const child: unknown = node.shape[head];
    return child instanceof z.ZodType ? optionKeysAt(child, rest) : [];
  }
  return [];
}

function unwrapSchema(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault || schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    return unwrapSchema(schema.unwrap() as z.ZodType);
  }
  return schema;
}

/** Every option path in the schema, depth first: `files`, …, `labels.colors.area`, …, `bulk.confirm`. */
function optionPaths(schema: z.ZodType, prefix: readonly string[] = []): string[][] {
  const node = unwrapSchema(schema);
  if (!(node instanceof z.ZodObject)) return [];
  return Object.entries(node.shape as Record<string, z.ZodType>).flatMap(([key, child]) => [[...prefix, key], ...optionPaths(child, [...prefix, key])]);
}

let allOptionPaths: string[][] | undefined;

/**
 * A key indented at the wrong level: an option of the same name (case, "-" and "_" aside) above or
 * below its place, in an ancestor or a descendant object, at every path it has. Only exact names:
 * a typo that is also misplaced is more often a different option.
 */
function optionsNamed(key: string, parent: readonly PropertyKey[]): string[] {
  allOptionPaths ??= optionPaths(configSchema);
  const here = parent.map(String);
  const startsWith = (path: readonly string[], prefix: readonly string[]): boolean => prefix.every((part, i) => path[i] === part);
  const elsewhere = allOptionPaths.filter((path) => {
    const at = path.slice(0, -1);
    return at.length !== here.length && (startsWith(at, here) || startsWith(here, at));
  });
  const name = closestMatch(key, [...new Set(elsewhere.map((path) => path.at(-1) ?? ''))], { maxEdits: 0 });
  return name === null ? [] : elsewhere.filter((path) => path.at(-1) === name).map((path) => formatPath(path));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const received = /received (\w+)/.exec(issue.message)?.[1];
      return `expected ${issue.expected}${received ? `, got ${received}` : ''}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

function formatPath(path: readonly PropertyKey[]): string {
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
