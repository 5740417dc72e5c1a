import type { Logger } from '../shell/client.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface AnnotationProperties {
  title?: string;
  /** A path in the repository: the annotation shows on that file in the run's summary. */
  file?: string;
}

/**
 * The shell's Logger written as GitHub Actions workflow commands: warn and error become
 * annotations, info is a plain line, debug is written only when the run has debug logging on.
 */
export interface WorkflowLog extends Logger {
  line(text: string): void;
  annotate(level: AnnotationLevel, message: string, properties?: AnnotationProperties): void;
}

/** https://docs.github.com/actions/reference/workflow-commands-for-github-actions — escaping as @actions/core does. */
const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `debug`: the runner's RUNNER_DEBUG=1 (a re-run with debug logging, or the ACTIONS_STEP_DEBUG secret). */
export function createWorkflowLog(out: NodeJS.WritableStream, options: { debug: boolean }): WorkflowLog {
  const write = (line: string): void => {
    out.write(`${line}\n`);
  };
  const command = (name: string, message: string, properties: AnnotationProperties = {}): void => {
    const props = Object.entries(properties)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([key, value]) => `${key}=${escapeProperty(value)}`)
      .join(',');
    write(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`);
  };
  const text = (obj: object | string, msg?: string): string => msg ?? (typeof obj === 'string' ? obj : JSON.stringify(obj));
  return {
    line: write,
    annotate: (level, message, properties) => command(level, message, properties),
    info: (obj, msg) => write(text(obj, msg)),
    warn: (obj, msg) => command('warning', text(obj, msg)),
    error: (obj, msg) => command('error', text(obj, msg)),
    debug: (obj, msg) => {
      if (options.debug) command('debug', text(obj, msg));
    },
  };
}
