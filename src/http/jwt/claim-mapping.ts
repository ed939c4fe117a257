/**
 * How one issuer's claims become our subject, organization and scopes. IdPs differ: Okta issues
 * `scp` as an array, Auth0 `scope` as a string, Entra app roles in `roles` and the tenant in `tid`,
 * Keycloak roles in `realm_access.roles`; the organization is often a namespaced custom claim.
 */
export interface ClaimMapping {
  /** Claim path of the subject; default `sub`. */
  readonly subject: string;
  /** Claim path of the organization (id or slug); unset → `org`, then `org_id`, then `organization`. */
  readonly organization?: string;
  /** Every token of this issuer belongs to this organization (id or slug); the claim is not read. */
  readonly fixedOrganization?: string;
  /** Claim paths whose values are scopes; unset → `scope` (space-separated) or else `scp`. */
  readonly scopes?: readonly string[];
  /** An IdP's scope or role name → our scopes. Names not listed pass through unchanged. */
  readonly scopeMap?: Readonly<Record<string, readonly string[]>>;
}

export interface MappedClaims {
  readonly subject: string;
  /** Null only for a platform:admin token, which names its organization per request (X-Organization). */
  readonly organization: string | null;
  readonly scopes: readonly string[];
}

export const DEFAULT_CLAIM_MAPPING: ClaimMapping = Object.freeze({ subject: 'sub' });

/** Audit events keep the actor in 320 characters, with room for `jwt:<issuer>:`. */
const MAX_SUBJECT_LENGTH = 255;
const MAX_SCOPE_VALUES = 200;

/**
 * A claim by path: the whole path as one claim name first (`https://example.com/org` is a single
 * namespaced claim), else dot-separated steps into nested objects (`realm_access.roles`). Only own
 * properties are read, so `__proto__` or `constructor` find nothing.
 */
export function claimAt(payload: unknown, path: string): unknown {
  if (isRecord(payload) && Object.hasOwn(payload, path)) return payload[path];
  let value: unknown = payload;
  for (const step of path.split('.')) {
    if (!isRecord(value) || !Object.hasOwn(value, step)) return undefined;
    value = value[step];
  }
  return value;
}

/** The claims the service relies on, or null when the token lacks a usable subject or organization. */
export function mapClaims(payload: Record<string, unknown>, mapping: ClaimMapping): MappedClaims | null {
  const subject = claimAt(payload, mapping.subject);
  if (typeof subject !== 'string' || subject === '' || subject.length > MAX_SUBJECT_LENGTH) return null;
  const scopes = scopesOf(payload, mapping);
  const fixed = mapping.fixedOrganization;
  // A pinned issuer's tokens never reach another organization: platform:admin would let them.
  if (fixed !== undefined)
    return { subject, organization: fixed, scopes: scopes.filter((s) => s !== 'platform:admin') };
  const organization = organizationOf(payload, mapping.organization);
  if (organization !== undefined) return { subject, organization, scopes };
  return scopes.includes('platform:admin') ? { subject, organization: null, scopes } : null;
}

function organizationOf(payload: Record<string, unknown>, path: string | undefined): string | undefined {
  const value = path ? claimAt(payload, path) : (payload.org ?? payload.org_id ?? payload.organization);
  // Keycloak's organization scope issues a list of the member's organizations: one is unambiguous.
  const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
  return typeof single === 'string' && single !== '' ? single : undefined;
}

function scopesOf(payload: Record<string, unknown>, mapping: ClaimMapping): string[] {
  const names = mapping.scopes
    ? mapping.scopes.flatMap((path) => namesIn(claimAt(payload, path)))
    : namesIn(typeof payload.scope === 'string' ? payload.scope : payload.scp);
  const map = mapping.scopeMap;
  const mapped = names
    .slice(0, MAX_SCOPE_VALUES)
    .flatMap((name) => (map && Object.hasOwn(map, name) ? map[name] : [name]));
  return [...new Set(mapped)];
}

/** A space-separated string (OAuth 2.0 `scope`) or an array of strings (`scp`, `roles`). */
function namesIn(value: unknown): string[] {
  if (typeof value === 'string') return value.split(' ').filter(Boolean);
  if (Array.isArray(value)) return value.filter((s): s is string => typeof s === 'string' && s !== '');
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
