/** An error answered as GitHub does: `{message, documentation_url, errors?, status}`. */
export interface ValidationErrorItem {
  readonly resource: string;
  readonly code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  readonly field?: string;
  readonly message?: string;
  readonly value?: unknown;
}

export const DOCS = 'https://docs.github.com/rest';

export class HttpError extends Error {
  readonly status: number;
  readonly documentationUrl: string;
  readonly errors: readonly ValidationErrorItem[] | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    message: string,
    options: { documentationUrl?: string; errors?: readonly ValidationErrorItem[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.documentationUrl = options.documentationUrl ?? DOCS;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  toBody(): Record<string, unknown> {
    const body: Record<string, unknown> = { message: this.message };
    if (this.errors) body.errors = this.errors;
    body.documentation_url = this.documentationUrl;
    body.status = String(this.status);
    return body;
  }
}

export function notFound(documentationUrl?: string): HttpError {
  return new HttpError(404, 'Not Found', documentationUrl ? { documentationUrl } : {});
}

export function validationFailed(errors: readonly ValidationErrorItem[], documentationUrl?: string): HttpError {
  return new HttpError(422, 'Validation Failed', { errors, ...(documentationUrl ? { documentationUrl } : {}) });
}

export function missingField(resource: string, field: string): HttpError {
  return validationFailed([{ resource, code: 'missing_field', field }]);
}
