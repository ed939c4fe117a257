/** Verified claims the service relies on. */
export interface JwtClaims {
  readonly subject: string;
  /** Null only for a platform:admin JWT, which names its organization per request (X-Organization). */
  readonly organization: string | null;
  readonly scopes: readonly string[];
  /**
   * The verified `iss` of a token from a JWKS issuer, so principals of several issuers stay apart
   * (`jwt:<issuer>:<sub>`); undefined for the static JWT_SECRET / JWT_PUBLIC_KEY (`jwt:<sub>`).
   */
  readonly issuer?: string;
}

/** Verifies the tokens of one issuer (or, with `issuer` undefined, of whoever holds the key). */
export interface IssuerVerifier {
  readonly issuer: string | undefined;
  verify(token: string): Promise<JwtClaims>;
}
