import { readFileSync } from 'node:fs';
import type { RepoRef } from '../shell/client.js';

export type ActionEnv = Readonly<Record<string, string | undefined>>;

/** The run as GitHub Actions describes it in the environment of a JavaScript action's step. */
export interface ActionContext {
  eventName: string;
  /** The webhook payload of the triggering event ($GITHUB_EVENT_PATH). */
  payload: unknown;
  repo: RepoRef;
  /** $GITHUB_API_URL: https://api.github.com, or GitHub Enterprise Server's /api/v3. */
  apiUrl: string;
  /** $GITHUB_SERVER_URL, for links in issue bodies. */
  serverUrl: string | null;
  token: string;
  dryRun: boolean;
  confirmBulk: boolean;
  summaryPath: string | null;
}

/** A missing or malformed input or Actions variable: reported as one `::error::` line. */
export class ActionInputError extends Error {
  override name = 'ActionInputError';
}

/** Reads the step's environment and the event payload; throws an ActionInputError naming what is wrong. */
export function readActionContext(env: ActionEnv): ActionContext {
  const eventName = required(env, 'GITHUB_EVENT_NAME');
  const fullName = required(env, 'GITHUB_REPOSITORY');
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(fullName);
  if (!match) throw new ActionInputError(`GITHUB_REPOSITORY must be OWNER/NAME, got ${JSON.stringify(fullName)}`);
  const apiUrl = (nonEmpty(env.GITHUB_API_URL) ?? 'https://api.github.com').replace(/\/+$/, '');
  if (!URL.canParse(apiUrl)) throw new ActionInputError(`GITHUB_API_URL must be a URL, got ${JSON.stringify(apiUrl)}`);
  const token = input(env, 'token');
  if (token === null) {
    throw new ActionInputError('the `token` input is empty: leave it unset to use the workflow token (github.token), or pass a token with contents, issues, pull requests and checks access');
  }
  return {
    eventName,
    payload: readPayload(required(env, 'GITHUB_EVENT_PATH')),
    repo: { owner: match[1] as string, repo: match[2] as string },
    apiUrl,
    serverUrl: nonEmpty(env.GITHUB_SERVER_URL)?.replace(/\/+$/, '') ?? null,
    token,
    dryRun: booleanInput(env, 'dry-run'),
    confirmBulk: booleanInput(env, 'confirm-bulk'),
    summaryPath: nonEmpty(env.GITHUB_STEP_SUMMARY),
  };
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value.trim();
}

function required(env: ActionEnv, name: string): string {
  const value = nonEmpty(env[name]);
  if (value === null) throw new ActionInputError(`${name} is not set: roadmap-sync's Action runs as a step of a GitHub Actions workflow`);
  return value;
}

/** An input as the runner passes it: INPUT_ and the name upper-cased, spaces as underscores, hyphens kept. */
function input(env: ActionEnv, name: string): string | null {
  return nonEmpty(env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]);
}

/** YAML 1.2 core booleans, as @actions/core's getBooleanInput reads them; unset is false. */
function booleanInput(env: ActionEnv, name: string): boolean {
  const value = input(env, name);
  if (value === null) return false;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new ActionInputError(`the \`${name}\` input must be true or false, got ${JSON.stringify(value)}`);
}

function readPayload(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ActionInputError(`cannot read the event payload GITHUB_EVENT_PATH=${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ActionInputError(`the event payload ${path} is not JSON`);
  }
}
