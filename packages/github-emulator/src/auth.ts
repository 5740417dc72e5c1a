/**
 * Authentication as GitHub does it for an App: a JWT (RS256, `iss` = app id) for the /app
 * endpoints, installation tokens (ghs_…) scoped to the installation's repositories, and
 * personal tokens.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { HttpError } from './http-error.js';
import type { AuthInfo } from './router.js';
import type { EmulatorState } from './state.js';

export interface AuthOptions {
  readonly appId: number;
  /** PEM; when given, JWT signatures are verified, else any well-formed JWT is accepted. */
  readonly publicKey?: string | KeyObject | undefined;
  /** Login that unregistered personal tokens act as. */
  readonly defaultUserLogin: string;
}

const DOCS_AUTH = 'https://docs.github.com/rest';

function decodeJsonPart(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function isJwt(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const header = decodeJsonPart(parts[0] ?? '');
  return typeof header === 'object' && header !== null && 'alg' in header;
}

function verifyJwt(token: string, options: AuthOptions): number {
  const [h = '', p = '', s = ''] = token.split('.');
  const invalid = (message: string) => new HttpError(401, message, { documentationUrl: DOCS_AUTH });
  const claims = decodeJsonPart(p);
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw invalid('A JSON web token could not be decoded');
  if (options.publicKey !== undefined) {
    const key = typeof options.publicKey === 'string' ? createPublicKey(options.publicKey) : options.publicKey;
    const valid = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'));
    if (!valid) throw invalid('A JSON web token could not be decoded');
  }
  const now = Math.floor(Date.now() / 1000);
  const exp = 'exp' in claims ? claims.exp : undefined;
  const iat = 'iat' in claims ? claims.iat : undefined;
  const issuer = 'iss' in claims ? claims.iss : undefined;
  if (typeof exp !== 'number' || exp < now - 30) {
    throw invalid("'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires");
  }
  if (typeof iat === 'number' && iat > now + 60) {
    throw invalid("'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued");
  }
  if (exp - (typeof iat === 'number' ? iat : now) > 600 + 60) {
    throw invalid("'Expiration time' claim ('exp') is too far in the future");
  }
  const iss = typeof issuer === 'number' ? issuer : typeof issuer === 'string' ? Number(issuer) : Number.NaN;
  if (!Number.isFinite(iss) || (options.publicKey !== undefined && iss !== options.appId)) {
    throw invalid(`Integration not found`);
  }
  return iss;
}

export function authenticate(header: string | undefined, state: EmulatorState, options: AuthOptions): AuthInfo {
  if (!header) return { kind: 'none' };
  const m = /^(token|bearer)\s+(\S+)\s*$/i.exec(header);
  if (!m?.[2]) throw new HttpError(401, 'Bad credentials', { documentationUrl: DOCS_AUTH });
  const token = m[2];
  if (isJwt(token)) return { kind: 'app', appId: verifyJwt(token, options) };
  const grant = state.tokens.get(token);
  if (grant?.kind === 'installation') {
    const installation = state.installations.get(grant.installationId);
    if (!installation || grant.expiresAt <= Date.now()) throw new HttpError(401, 'Bad credentials', { documentationUrl: DOCS_AUTH });
    return { kind: 'installation', installation, token };
  }
  if (grant?.kind === 'user') return { kind: 'user', account: grant.account, registered: true, token };
  if (token.startsWith('ghs_')) throw new HttpError(401, 'Bad credentials', { documentationUrl: DOCS_AUTH });
  return { kind: 'user', account: state.account(options.defaultUserLogin), registered: false, token };
}
