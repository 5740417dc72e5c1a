import type { Octokit } from '@octokit/core';

/** The one thing the GitHub shell needs from an Octokit: `request`. Probot's and @octokit/rest's both fit. */
export interface GitHubClient {
  request: Octokit['request'];
}

export interface RepoRef {
  owner: string;
  repo: string;
}

/** Probot's logger, pino, and console-like loggers all fit. */
export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
  /** pino's: a logger that adds `bindings` to every line. */
  child?(bindings: Record<string, unknown>): Logger;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/** A logger whose every line carries `bindings` (the repository, the delivery), where the logger can. */
export function childLogger(log: Logger, bindings: Record<string, unknown>): Logger {
  return log.child ? log.child(bindings) : log;
}

export function errorStatus(error: unknown): number | null {
  if (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number') return error.status;
  return null;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * GitHub refused an installation token because the installation does not exist (uninstalled, or
 * an event naming another app's installation): not transient, nothing to retry or alarm about.
 */
export function isInstallationGone(error: unknown): boolean {
  if (errorStatus(error) !== 404 || typeof error !== 'object' || error === null || !('request' in error)) return false;
  const url = (error.request as { url?: unknown } | undefined)?.url;
  return typeof url === 'string' && /\/app\/installations\/\d+\/access_tokens$/u.test(url);
}

/** A 422 whose errors say the resource (label, milestone) already exists: someone made it meanwhile. */
export function isAlreadyExists(error: unknown): boolean {
  if (errorStatus(error) !== 422 || typeof error !== 'object' || error === null || !('response' in error)) return false;
  const data: unknown = (error.response as { data?: unknown } | undefined)?.data;
  const errors: unknown = typeof data === 'object' && data !== null && 'errors' in data ? data.errors : null;
  return Array.isArray(errors) && errors.some((e: unknown) => typeof e === 'object' && e !== null && 'code' in e && e.code === 'already_exists');
}

const PROTECTION = /rule violation|protected branch|must be made through a pull request|required status check|review.*required/i;

/** GitHub's answers to a direct write on a branch that requires pull requests (rulesets or classic protection). */
export function isProtectedBranchRefusal(error: unknown): boolean {
  const status = errorStatus(error);
  return (status === 403 || status === 409 || status === 422) && PROTECTION.test(errorMessage(error));
}

/** 409 "does not match": the file changed since it was read. */
export function isStaleSha(error: unknown): boolean {
  const status = errorStatus(error);
  if (status === 409) return !isProtectedBranchRefusal(error);
  return status === 422 && /does not match|not a fast.forward|sha/i.test(errorMessage(error)) && !isProtectedBranchRefusal(error);
}
