import { decodeJwt } from 'jose';
import jwt from 'jsonwebtoken';
import type { Algorithm, JwtPayload } from 'jsonwebtoken';
import { rejectAuth } from '../domain/auth/auth-rejection';
import { jwtIdentifiers, jwtRejection } from './jwt-rejection';
import type { Logger } from './logger';
import type { ClaimMapping } from './jwt/claim-mapping';
import { DEFAULT_CLAIM_MAPPING, mapClaims } from './jwt/claim-mapping';
import type { IssuerVerifier, JwtClaims } from './jwt/issuer-verifier';
import type { JwksIssuerSettings, JwksOptions } from './jwt/jwks-issuer';
import { JwksIssuer } from './jwt/jwks-issuer';
import type { JwksSourceStatus } from './jwt/jwks-source';

export type { JwtClaims } from './jwt/issuer-verifier';

export interface JwtSettings {
  readonly secret?: string;
  readonly publicKey?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** JWKS URLs of the issuer above; with none of secret, publicKey or these, OIDC discovery from it. */
  readonly jwksUrls?: readonly string[];
  /** How the issuer above's claims are read. */
  readonly claims?: ClaimMapping;
  /** More JWKS issuers, each with its own audience and mapping (JWT_ISSUERS_FILE). */
  readonly issuers?: readonly JwksIssuerSettings[];
  readonly jwks?: JwksOptions;
}

export const DEFAULT_JWKS_OPTIONS: JwksOptions = Object.freeze({
  refreshSeconds: 300,
  staleSeconds: 86_400,
  minRefetchSeconds: 30,
  fetchTimeoutMs: 5_000,
  maxBytes: 512 * 1024,
  maxKeys: 100,
  allowedHosts: [],
});

const HMAC: Algorithm[] = ['HS256'];
const ASYMMETRIC: Algorithm[] = ['RS256', 'ES256'];

/**
 * Verifies JWTs against one configured key. The accepted algorithms follow the key's kind, so an
 * HS256 token signed with a public key (key confusion) and `alg: none` are both refused; `exp` is
 * required; `iss`/`aud` are enforced when configured.
 */
class StaticKeyIssuer implements IssuerVerifier {
  readonly issuer: string | undefined;
  private readonly key: string;
  private readonly algorithms: Algorithm[];

  constructor(private readonly settings: JwtSettings & { readonly key: string }) {
    this.issuer = settings.issuer;
    this.key = settings.key;
    this.algorithms = settings.secret ? HMAC : ASYMMETRIC;
  }

  async verify(token: string): Promise<JwtClaims> {
    let payload: JwtPayload;
    try {
      const decoded = jwt.verify(token, this.key, {
        algorithms: this.algorithms,
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTolerance: 5,
      });
      if (typeof decoded === 'string') throw rejectAuth('jwt-malformed');
      payload = decoded;
    } catch (error) {
      throw jwtRejection(error, token);
    }
    const mapped =
      typeof payload.exp === 'number'
        ? mapClaims(payload, this.settings.claims ?? DEFAULT_CLAIM_MAPPING)
        : null;
    if (!mapped) throw rejectAuth('jwt-claims', jwtIdentifiers(token));
    return mapped;
  }
}

/**
 * Every JWT the service accepts: the static JWT_SECRET / JWT_PUBLIC_KEY, JWKS issuers, or both. A
 * token goes to the issuer its (not yet verified) `iss` names, else to the one configured without
 * an issuer; that issuer then verifies `iss` along with everything else. Every failure is the same
 * UNAUTHENTICATED error.
 */
export class JwtVerifier {
  private readonly byIssuer = new Map<string, IssuerVerifier>();
  private anyIssuer: IssuerVerifier | undefined;
  private readonly jwksIssuers: JwksIssuer[] = [];

  constructor(settings: JwtSettings, logger: Logger) {
    const key = settings.secret ?? settings.publicKey;
    const options = settings.jwks ?? DEFAULT_JWKS_OPTIONS;
    const jwksUrls = settings.jwksUrls ?? [];
    const claims = settings.claims ?? DEFAULT_CLAIM_MAPPING;
    if (key) this.add(new StaticKeyIssuer({ ...settings, key }));
    else if (jwksUrls.length > 0 || settings.issuer) {
      const { issuer, audience } = settings;
      this.addJwks(new JwksIssuer({ issuer, audience, jwksUrls, claims }, options, logger));
    }
    for (const issuer of settings.issuers ?? []) this.addJwks(new JwksIssuer(issuer, options, logger));
  }

  /** Starts fetching every JWKS in the background; tokens arriving first wait for it. */
  start(): void {
    for (const issuer of this.jwksIssuers) issuer.start();
  }

  close(): void {
    for (const issuer of this.jwksIssuers) issuer.close();
  }

  /** One entry per JWKS (for /readyz's body and /metrics); empty with static keys only. */
  jwksStatus(): JwksSourceStatus[] {
    return this.jwksIssuers.flatMap((issuer) => issuer.status());
  }

  async verify(token: string): Promise<JwtClaims> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw rejectAuth('jwt-malformed');
    }
    const verifier = (typeof issuer === 'string' ? this.byIssuer.get(issuer) : undefined) ?? this.anyIssuer;
    if (!verifier) {
      const configured = this.byIssuer.size > 0;
      throw rejectAuth(configured ? 'jwt-issuer' : 'jwt-not-configured', jwtIdentifiers(token));
    }
    return verifier.verify(token);
  }

  private addJwks(issuer: JwksIssuer): void {
    this.jwksIssuers.push(issuer);
    this.add(issuer);
  }

  private add(verifier: IssuerVerifier): void {
    if (verifier.issuer === undefined) this.anyIssuer = verifier;
    else this.byIssuer.set(verifier.issuer, verifier);
  }
}
