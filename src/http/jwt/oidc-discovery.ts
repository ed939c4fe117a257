import type { FetchLimits } from './bounded-fetch';
import { FetchFailure, fetchJson } from './bounded-fetch';
import { isRecord } from './jwk-set';
import type { LocateJwks } from './jwks-source';

/** `<issuer>/.well-known/openid-configuration` (OpenID Connect Discovery 1.0, section 4). */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/**
 * Finds the issuer's JWKS through OIDC discovery, once, and again after a failed JWKS fetch (the
 * IdP may have moved it). The document must name the configured issuer exactly, and its `jwks_uri`
 * must be on the issuer's host or one allowed explicitly: whoever can change the discovery answer
 * must not be able to send us to keys on a host of their choosing.
 */
export function discoveredJwks(
  issuer: string,
  allowedHosts: readonly string[],
  limits: FetchLimits,
): LocateJwks {
  let found: string | undefined;
  return async (afterFailure) => {
    if (found === undefined || afterFailure) found = await discover(issuer, allowedHosts, limits);
    return found;
  };
}

async function discover(
  issuer: string,
  allowedHosts: readonly string[],
  limits: FetchLimits,
): Promise<string> {
  const { body } = await fetchJson(discoveryUrl(issuer), limits);
  if (!isRecord(body)) throw new FetchFailure('discovery document is not a JSON object');
  if (body.issuer !== issuer) throw new FetchFailure('discovery document names another issuer');
  const jwksUri = typeof body.jwks_uri === 'string' ? parsed(body.jwks_uri) : undefined;
  if (!jwksUri || !['https:', 'http:'].includes(jwksUri.protocol))
    throw new FetchFailure('discovery document has no usable jwks_uri');
  const issuerUrl = new URL(issuer);
  if (issuerUrl.protocol === 'https:' && jwksUri.protocol !== 'https:')
    throw new FetchFailure('discovery document points jwks_uri at plain http');
  if (jwksUri.host !== issuerUrl.host && !allowedHosts.includes(jwksUri.host))
    throw new FetchFailure(
      `discovery document points jwks_uri at another host (${jwksUri.host}); not allowed`,
    );
  return jwksUri.toString();
}

function parsed(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
