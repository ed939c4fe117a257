import { jwtVerify } from 'jose';
import type { FlattenedJWSInput, JWSHeaderParameters, KeyLike } from 'jose';
import { rejectAuth } from '../../domain/auth/auth-rejection';
import { jwtIdentifiers, jwtRejection } from '../jwt-rejection';
import type { Logger } from '../logger';
import type { ClaimMapping } from './claim-mapping';
import { mapClaims } from './claim-mapping';
import { ASYMMETRIC_ALGORITHMS } from './jwk-set';
import type { JwksSettings, JwksSourceStatus } from './jwks-source';
import { JwksSource } from './jwks-source';
import { discoveredJwks } from './oidc-discovery';
import type { IssuerVerifier, JwtClaims } from './issuer-verifier';

/** One issuer whose keys come from JWKS: configured URLs, or its OIDC discovery document. */
export interface JwksIssuerSettings {
  /** Required `iss`; unset → any issuer signing with these keys (only with configured URLs). */
  readonly issuer: string | undefined;
  readonly audience: string | readonly string[] | undefined;
  /** Empty → OIDC discovery from `issuer`. */
  readonly jwksUrls: readonly string[];
  readonly claims: ClaimMapping;
}

export interface JwksOptions extends JwksSettings {
  /** Hosts a discovery document may point `jwks_uri` at besides the issuer's own. */
  readonly allowedHosts: readonly string[];
}

/**
 * Verifies with jose: only asymmetric algorithms, each only with a key of its own type (jose matches
 * `kty`/`crv`/`alg`/`use` of the JWK to the header's `alg`); `exp` required; a key chosen by `kid`
 * among the cached sets. Header parameters that name keys elsewhere (`jku`, `x5u`, `jwk`, `x5c`)
 * are never read.
 */
export class JwksIssuer implements IssuerVerifier {
  readonly issuer: string | undefined;
  private readonly sources: JwksSource[];

  constructor(
    private readonly settings: JwksIssuerSettings,
    options: JwksOptions,
    logger: Logger,
  ) {
    this.issuer = settings.issuer;
    const limits = { timeoutMs: options.fetchTimeoutMs, maxBytes: options.maxBytes };
    const locators =
      settings.jwksUrls.length > 0
        ? settings.jwksUrls.map((url) => async () => url)
        : [discoveredJwks(settings.issuer ?? '', options.allowedHosts, limits)];
    this.sources = locators.map((locate) => new JwksSource(locate, settings.issuer, options, logger));
  }

  start(): void {
    for (const source of this.sources) source.start();
  }

  close(): void {
    for (const source of this.sources) source.close();
  }

  status(): JwksSourceStatus[] {
    return this.sources.map((source) => source.status());
  }

  async verify(token: string): Promise<JwtClaims> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, (header, jws) => this.keyFor(header, jws), {
        algorithms: [...ASYMMETRIC_ALGORITHMS],
        issuer: this.settings.issuer,
        audience: this.settings.audience as string | string[] | undefined,
        clockTolerance: 5,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw jwtRejection(error, token);
    }
    const mapped = mapClaims(payload, this.settings.claims);
    if (!mapped) throw rejectAuth('jwt-claims', jwtIdentifiers(token));
    return { ...mapped, issuer: typeof payload.iss === 'string' ? payload.iss : undefined };
  }

  /** Every JWKS's known keys first: a key in the second set must not cost the first one a fetch. */
  private async keyFor(header: JWSHeaderParameters, jws: FlattenedJWSInput): Promise<KeyLike> {
    for (const source of this.sources) {
      const key = await source.knownKey(header, jws);
      if (key) return key;
    }
    for (const source of this.sources) {
      const key = await source.refetchedKey(header, jws);
      if (key) return key;
    }
    throw rejectAuth('jwt-key-unavailable');
  }
}
