/**
 * A setup link: a URL an organization's admin sends to the IT admin who configures one connection
 * in their identity provider. Its secret (`isl_…`) is shown once, in the URL; only its SHA-256 hash
 * is stored. It works until it expires or is revoked, and only for its connection.
 */
export interface SetupLinkRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly connectionId: string;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly useCount: number;
}

/** As stored: the record and the hash of its secret (never the secret). */
export interface SetupLinkRow extends SetupLinkRecord {
  readonly secretHash: string;
}

/** The only answer that holds the secret: the URL to send, `PUBLIC_URL/admin/setup/<secret>`. */
export interface IssuedSetupLink {
  readonly setupLink: SetupLinkRecord;
  readonly url: string;
}

/** Where the console serves a setup link's page; the secret follows. */
export const SETUP_LINK_PATH = '/admin/setup/';
