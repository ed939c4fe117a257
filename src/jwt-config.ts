import { readFileSync } from 'node:fs';
import { isScope } from './domain/auth/scopes';
import type { ClaimMapping } from './http/jwt/claim-mapping';
import type { JwksIssuerSettings, JwksOptions } from './http/jwt/jwks-issuer';
import { DEFAULT_JWKS_OPTIONS } from './http/jwt-verifier';
import type { JwtSettings } from './http/jwt-verifier';

/** What config.ts's reader offers; JWT settings are read through it, never from process.env here. */
export interface SettingReader {
  readonly problems: string[];
  string(name: string): string | undefined;
  integer(name: string, fallback: number, min: number, max: number): number;
}

export type JwtConfig = Required<Omit<JwtSettings, 'secret' | 'publicKey' | 'issuer' | 'audience'>> & {
  readonly secret: string | undefined;
  readonly publicKey: string | undefined;
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
  readonly issuersFile: string | undefined;
  /** JWT_SUBJECT_CHECK_CACHE_MS: how long an instance remembers whether a JWT's `sub` user is deprovisioned. */
  readonly subjectCheckCacheMs: number;
};

const FILE_FIELDS = [
  'issuer',
  'audience',
  'jwksUrl',
  'organizationClaim',
  'organization',
  'scopeClaim',
  'scopeMap',
  'subjectClaim',
];

/** JWT_* and JWKS_* settings: static keys, JWKS URLs or OIDC discovery, claim mapping, more issuers. */
export function readJwtConfig(reader: SettingReader): JwtConfig {
  const publicKey = reader.string('JWT_PUBLIC_KEY')?.replace(/\\n/g, '\n');
  const secret = reader.string('JWT_SECRET');
  const issuer = reader.string('JWT_ISSUER');
  const audience = reader.string('JWT_AUDIENCE');
  const jwksUrls = urlList(reader, 'JWT_JWKS_URL', reader.string('JWT_JWKS_URL'));
  checkStaticKeys(reader, secret, publicKey, jwksUrls);
  if (!secret && !publicKey && (jwksUrls.length > 0 || issuer)) {
    if (jwksUrls.length === 0) discoverable(reader, 'JWT_ISSUER', issuer!);
    if (!audience)
      reader.problems.push(`JWT_AUDIENCE is required with JWT_JWKS_URL or OIDC discovery${WHY_AUDIENCE}`);
  }
  const claims = claimMapping(reader, {
    subjectClaim: reader.string('JWT_SUBJECT_CLAIM'),
    organizationClaim: reader.string('JWT_ORGANIZATION_CLAIM'),
    scopeClaim: reader.string('JWT_SCOPE_CLAIM'),
    scopeMap: reader.string('JWT_SCOPE_MAP'),
  });
  const issuersFile = reader.string('JWT_ISSUERS_FILE');
  const issuers = issuersFile ? issuersFrom(reader, issuersFile) : [];
  if (issuer && issuers.some((entry) => entry.issuer === issuer))
    reader.problems.push(`JWT_ISSUERS_FILE lists ${issuer}, which JWT_ISSUER configures already`);
  return {
    secret,
    publicKey,
    issuer,
    audience,
    jwksUrls,
    claims,
    issuers,
    issuersFile,
    jwks: jwksOptions(reader),
    subjectCheckCacheMs: reader.integer('JWT_SUBJECT_CHECK_CACHE_MS', 5_000, 0, 60_000),
  };
}

/** Without an audience, a token the IdP issued for any of its other applications would do. */
const WHY_AUDIENCE = ': an identity provider signs tokens for every application it serves';

function checkStaticKeys(
  reader: SettingReader,
  secret?: string,
  publicKey?: string,
  jwksUrls: string[] = [],
): void {
  if (secret && secret.length < 32) reader.problems.push('JWT_SECRET must be at least 32 characters');
  if (secret && publicKey) reader.problems.push('Set JWT_SECRET or JWT_PUBLIC_KEY, not both');
  if ((secret || publicKey) && jwksUrls.length > 0)
    reader.problems.push('Set JWT_JWKS_URL or a static JWT_SECRET / JWT_PUBLIC_KEY, not both');
}

function jwksOptions(reader: SettingReader): JwksOptions {
  const refreshSeconds = reader.integer('JWKS_REFRESH_SECONDS', 300, 1, 86_400);
  return {
    ...DEFAULT_JWKS_OPTIONS,
    refreshSeconds,
    staleSeconds: reader.integer('JWKS_STALE_SECONDS', 86_400, 0, 30 * 86_400),
    // Never more often than scheduled refreshes: the floor must not exceed the schedule.
    minRefetchSeconds: Math.min(refreshSeconds, reader.integer('JWKS_MIN_REFETCH_SECONDS', 30, 1, 3_600)),
    fetchTimeoutMs: reader.integer('JWKS_FETCH_TIMEOUT_MS', 5_000, 100, 60_000),
    allowedHosts: (reader.string('JWT_JWKS_ALLOWED_HOSTS') ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
  };
}

interface MappingFields {
  readonly subjectClaim?: unknown;
  readonly organizationClaim?: unknown;
  readonly organization?: unknown;
  readonly scopeClaim?: unknown;
  readonly scopeMap?: unknown;
}

/** The environment variable, or the issuers-file field, that a problem is reported against. */
const ENV_NAMES: Record<keyof MappingFields, string> = {
  subjectClaim: 'JWT_SUBJECT_CLAIM',
  organizationClaim: 'JWT_ORGANIZATION_CLAIM',
  organization: 'organization',
  scopeClaim: 'JWT_SCOPE_CLAIM',
  scopeMap: 'JWT_SCOPE_MAP',
};

/** `where` is the issuers-file entry (`JWT_ISSUERS_FILE[2]`); without it the fields came from the environment. */
function claimMapping(reader: SettingReader, fields: MappingFields, where?: string): ClaimMapping {
  const name = (field: keyof MappingFields) => (where ? `${where}.${field}` : ENV_NAMES[field]);
  const { scopeClaim, scopeMap } = fields;
  const scopeList = typeof scopeClaim === 'string' ? scopeClaim.split(',') : scopeClaim;
  return {
    subject: claimName(reader, name('subjectClaim'), fields.subjectClaim) ?? 'sub',
    organization: claimName(reader, name('organizationClaim'), fields.organizationClaim),
    fixedOrganization: claimName(reader, name('organization'), fields.organization),
    scopes:
      scopeList === undefined
        ? undefined
        : stringList(reader, name('scopeClaim'), scopeList)?.map((s) => s.trim()),
    scopeMap: scopeMap === undefined ? undefined : parseScopeMap(reader, name('scopeMap'), scopeMap),
  };
}

function claimName(reader: SettingReader, name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() !== '' && value.length <= 200) return value.trim();
  reader.problems.push(`${name} must be a claim name or dotted path of at most 200 characters`);
  return undefined;
}

function stringList(reader: SettingReader, name: string, value: unknown): string[] | undefined {
  const list = typeof value === 'string' ? [value] : value;
  if (Array.isArray(list) && list.length > 0 && list.every((s) => typeof s === 'string' && s.trim() !== ''))
    return list as string[];
  reader.problems.push(`${name} must be a non-empty string or list of strings`);
  return undefined;
}

/** `admin=identity:admin,reader=identity:read` (a name may repeat), or in a file `{ "admin": [...] }`. */
function parseScopeMap(
  reader: SettingReader,
  name: string,
  value: unknown,
): Record<string, string[]> | undefined {
  const pairs: [string, unknown][] =
    typeof value === 'string'
      ? value.split(',').map((pair) => {
          const at = pair.indexOf('=');
          return at < 0 ? [pair.trim(), ''] : [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
        })
      : value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value)
        : [['', '']];
  const map: Record<string, string[]> = Object.create(null);
  for (const [from, to] of pairs) {
    const targets = typeof to === 'string' ? [to] : to;
    if (
      from === '' ||
      !Array.isArray(targets) ||
      !targets.every((t) => typeof t === 'string' && isScope(t))
    ) {
      reader.problems.push(
        `${name} must map names to scopes (identity:read, identity:write, identity:admin, scim), e.g. admin=identity:admin,reader=identity:read`,
      );
      return undefined;
    }
    map[from] = [...(map[from] ?? []), ...(targets as string[])];
  }
  return map;
}

function urlList(reader: SettingReader, name: string, value: unknown): string[] {
  const list =
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : value;
  if (list === undefined) return [];
  const urls = Array.isArray(list) ? list : [list];
  const bad = urls.filter((url) => typeof url !== 'string' || !isHttpUrl(url));
  if (bad.length === 0) return urls as string[];
  reader.problems.push(`${name} must be one or more http:// or https:// URLs`);
  return [];
}

function discoverable(reader: SettingReader, name: string, issuer: string): void {
  if (!isHttpUrl(issuer))
    reader.problems.push(
      `${name} must be an http:// or https:// URL for OIDC discovery (or set a JWKS URL or key)`,
    );
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** JWT_ISSUERS_FILE: a JSON array of issuers (or `{ "issuers": [...] }`), each checked field by field. */
function issuersFrom(reader: SettingReader, path: string): JwksIssuerSettings[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    reader.problems.push(
      `JWT_ISSUERS_FILE ${path} cannot be read as JSON (${(error as Error).message.slice(0, 120)})`,
    );
    return [];
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { issuers?: unknown } | null)?.issuers;
  if (!Array.isArray(list)) {
    reader.problems.push('JWT_ISSUERS_FILE must hold a JSON array of issuers (or { "issuers": [...] })');
    return [];
  }
  const issuers = list.flatMap((entry, index) => issuerEntry(reader, entry, `JWT_ISSUERS_FILE[${index}]`));
  const seen = new Set<string>();
  for (const { issuer } of issuers) {
    if (issuer && seen.has(issuer)) reader.problems.push(`JWT_ISSUERS_FILE lists ${issuer} twice`);
    if (issuer) seen.add(issuer);
  }
  return issuers;
}

function issuerEntry(reader: SettingReader, entry: unknown, where: string): JwksIssuerSettings[] {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    reader.problems.push(`${where} must be an object`);
    return [];
  }
  const fields = entry as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !FILE_FIELDS.includes(key));
  if (unknown.length > 0)
    reader.problems.push(
      `${where} has unknown fields: ${unknown.join(', ')} (allowed: ${FILE_FIELDS.join(', ')})`,
    );
  if (typeof fields.issuer !== 'string' || fields.issuer.trim() === '') {
    reader.problems.push(`${where}.issuer must be the issuer's "iss" value`);
    return [];
  }
  const jwksUrls = urlList(reader, `${where}.jwksUrl`, fields.jwksUrl);
  if (jwksUrls.length === 0) discoverable(reader, `${where}.issuer`, fields.issuer);
  if (fields.audience === undefined) reader.problems.push(`${where}.audience is required${WHY_AUDIENCE}`);
  const audience =
    fields.audience === undefined ? undefined : stringList(reader, `${where}.audience`, fields.audience);
  return [{ issuer: fields.issuer, audience, jwksUrls, claims: claimMapping(reader, fields, where) }];
}
