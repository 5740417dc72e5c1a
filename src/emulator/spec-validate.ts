/**
 * Checks requests (and, optionally, responses) against the subset of GitHub's OpenAPI description
 * in openapi-subset.json (derived by scripts/derive-openapi-subset.ts). Only what a client can get
 * wrong is checked: types, enums, required properties, and properties the spec does not know.
 * Length limits are left to the routes, which answer with GitHub's own messages.
 */
import { readFileSync } from 'node:fs';

export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly nullable?: boolean;
  readonly additionalProperties?: boolean | JsonSchema;
}

export interface RouteSpec {
  readonly query: Readonly<Record<string, JsonSchema>>;
  readonly body?: JsonSchema;
  readonly bodyRequired?: boolean;
  readonly responses: Readonly<Record<string, JsonSchema>>;
}

export interface OpenApiSubset {
  readonly source: string;
  readonly responseDepth: number;
  readonly routes: Readonly<Record<string, RouteSpec>>;
}

export interface SchemaIssues {
  /** Type, enum and required-property errors: GitHub answers these with 422. */
  readonly errors: string[];
  /** JSON pointers of properties the schema does not declare. */
  readonly unknown: string[];
}

let subset: OpenApiSubset | undefined;

export function loadOpenApiSubset(): OpenApiSubset {
  subset ??= JSON.parse(readFileSync(new URL('./openapi-subset.json', import.meta.url), 'utf8')) as OpenApiSubset;
  return subset;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

function show(value: unknown): string {
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export function validateSchema(schema: JsonSchema, value: unknown, pointer = ''): SchemaIssues {
  const errors: string[] = [];
  const unknown: string[] = [];
  const at = pointer === '' ? '/' : pointer;

  if (value === null && schema.nullable === true) return { errors, unknown };

  for (const sub of schema.allOf ?? []) {
    const r = validateSchema(sub, value, pointer);
    errors.push(...r.errors);
    unknown.push(...r.unknown);
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives && alternatives.length > 0) {
    const results = alternatives.map((alt) => validateSchema(alt, value, pointer));
    const valid = results.filter((r) => r.errors.length === 0);
    if (valid.length === 0) {
      errors.push(`Invalid property ${at}: ${show(value)} is not ${schema.oneOf ? 'one' : 'any'} of the allowed subschemas.`);
    } else {
      const best = valid.reduce((a, b) => (b.unknown.length < a.unknown.length ? b : a));
      unknown.push(...best.unknown);
    }
  }

  const types = schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : schema.type;
  const actual = typeOf(value);
  if (types.length > 0 && !types.some((t) => typeMatches(t, actual))) {
    errors.push(`Invalid property ${at}: \`${show(value)}\` is not of type \`${types.join('/')}\`.`);
    return { errors, unknown };
  }
  if (schema.enum && schema.enum.length > 0 && !schema.enum.includes(value)) {
    errors.push(`Invalid property ${at}: \`${show(value)}\` is not a possible value. Must be one of the following: ${schema.enum.map(String).join(', ')}.`);
  }
  if (actual === 'object' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (!(name in record)) errors.push(pointer === '' ? `"${name}" wasn't supplied.` : `Invalid property ${pointer}: "${name}" wasn't supplied.`);
    }
    const props = schema.properties;
    for (const [name, child] of Object.entries(record)) {
      const childPointer = `${pointer}/${name}`;
      const declared = props?.[name];
      if (declared) {
        const r = validateSchema(declared, child, childPointer);
        errors.push(...r.errors);
        unknown.push(...r.unknown);
      } else if (typeof schema.additionalProperties === 'object') {
        const r = validateSchema(schema.additionalProperties, child, childPointer);
        errors.push(...r.errors);
        unknown.push(...r.unknown);
      } else if (props !== undefined && schema.additionalProperties !== true) {
        unknown.push(childPointer);
      }
    }
  }
  if (actual === 'array' && Array.isArray(value) && schema.items) {
    value.forEach((item, i) => {
      const r = validateSchema(schema.items ?? {}, item, `${pointer}/${i}`);
      errors.push(...r.errors);
      unknown.push(...r.unknown);
    });
  }
  return { errors, unknown };
}

export interface ResponseIssues {
  readonly missing: string[];
  readonly unknown: string[];
  readonly typeErrors: string[];
}

/**
 * A response against the spec: required properties present, declared types, no undeclared
 * properties (so an app cannot come to depend on a field GitHub does not document).
 */
export function validateResponse(schema: JsonSchema, value: unknown): ResponseIssues {
  const r = validateSchema(schema, value);
  const missing = r.errors.filter((e) => e.includes("wasn't supplied."));
  return { missing, unknown: r.unknown, typeErrors: r.errors.filter((e) => !missing.includes(e)) };
}
