import type { ApiTokenRecord } from '../tokens/api-token';

export const CONNECTION_KINDS = [
  'OKTA_SCIM2',
  'OKTA_SCIM11',
  'ONELOGIN_SCIM2',
  'ENTRA_SCIM2',
  'GENERIC_SCIM2',
] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/**
 * PAUSED: every request with the connection's tokens is refused (403), nothing is written.
 * DRY_RUN: every request is answered as it would be, inside one transaction that is rolled back;
 * the request log records what would have changed (see src/http/dry-run.ts).
 */
export const CONNECTION_STATUSES = ['ACTIVE', 'PAUSED', 'DRY_RUN'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** One identity-provider app of an organization, as stored. */
export interface ConnectionRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly kind: ConnectionKind;
  readonly status: ConnectionStatus;
  /** Lifetime of each token issued for it (on creation and rotation); null = never expires. */
  readonly tokenLifetimeDays: number | null;
  readonly createdBy: string;
  readonly createdAt: Date;
}

/** A connection as an admin sees it: where the IdP sends requests, and its current token. */
export interface ConnectionView extends ConnectionRecord {
  readonly baseUrl: string;
  /** The newest token still valid (not revoked, not expired), or null when there is none. */
  readonly token: ApiTokenRecord | null;
}

/** The only answer that holds the connection's secret: its creation and each rotation. */
export interface IssuedConnection {
  readonly connection: ConnectionView;
  readonly secret: string;
}

/** SCIM 1.1 for Okta's 1.1 template, 2.0 for every other kind. */
export const scimPathOf = (kind: ConnectionKind): string =>
  kind === 'OKTA_SCIM11' ? '/scim/v1' : '/scim/v2';
