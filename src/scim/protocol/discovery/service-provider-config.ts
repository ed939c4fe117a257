/**
 * The `/ServiceProviderConfig` document (RFC 7643 §5, example in §8.5), built from the values
 * passed in — limits come from configuration, the base URL from the request's organisation.
 *
 * Cursor pagination is advertised as draft-ietf-scim-cursor-pagination §4 (now RFC 9865)
 * describes: "A SCIM service provider implementing cursor-based pagination SHOULD include the
 * following additional attribute ... pagination", with `cursor` and `index` REQUIRED and the rest
 * OPTIONAL. The default stays `index`, as the draft's backwards-compatibility section advises for
 * a provider that already served index pages: "Adding cursor-based pagination support but leaving
 * the default return set pagination method as-is SHOULD not impact existing SCIM clients."
 */
import type { DiscoveryMeta } from './discovery-common';
import { discoveryLocation, SERVICE_PROVIDER_CONFIG_SCHEMA } from './discovery-common';

export interface ServiceProviderConfigOptions {
  readonly baseUrl: string;
  readonly documentationUri?: string;
  /** RFC 7644 §3.7.4 limits, also enforced by `parseBulkRequest`. */
  readonly bulk: { readonly maxOperations: number; readonly maxPayloadSize: number };
  /** The largest page a list or search returns (`ListLimits.maxResults`). */
  readonly filterMaxResults: number;
  readonly pagination: {
    /** The page size when `count` is absent (`ListLimits.defaultCount`). */
    readonly defaultPageSize: number;
    /** Defaults to `filterMaxResults`, which is the same limit seen from the filter side. */
    readonly maxPageSize?: number;
    /** Minimum seconds a cursor stays valid; left out when cursors do not expire on a timer. */
    readonly cursorTimeout?: number;
  };
  /** When this configuration took effect (e.g. process start): `meta.created`/`lastModified`. */
  readonly now?: Date;
}

export type AuthenticationScheme = {
  type: 'oauthbearertoken' | 'httpbasic';
  name: string;
  description: string;
  specUri: string;
  primary?: boolean;
};

export type PaginationConfig = {
  cursor: boolean;
  index: boolean;
  defaultPaginationMethod: 'index' | 'cursor';
  defaultPageSize: number;
  maxPageSize: number;
  cursorTimeout?: number;
};

export type ServiceProviderConfig = {
  schemas: [typeof SERVICE_PROVIDER_CONFIG_SCHEMA];
  documentationUri?: string;
  patch: { supported: boolean };
  bulk: { supported: boolean; maxOperations: number; maxPayloadSize: number };
  filter: { supported: boolean; maxResults: number };
  changePassword: { supported: boolean };
  sort: { supported: boolean };
  etag: { supported: boolean };
  pagination: PaginationConfig;
  authenticationSchemes: AuthenticationScheme[];
  meta: DiscoveryMeta;
};

/** The schemes the facade accepts: an API token as a bearer token (primary) or as a Basic password. */
export const AUTHENTICATION_SCHEMES: readonly AuthenticationScheme[] = Object.freeze([
  {
    type: 'oauthbearertoken',
    name: 'OAuth Bearer Token',
    description:
      'Authentication scheme using the OAuth Bearer Token Standard: "Authorization: Bearer <API token>".',
    specUri: 'https://www.rfc-editor.org/info/rfc6750',
    primary: true,
  },
  {
    type: 'httpbasic',
    name: 'HTTP Basic',
    description: 'Authentication scheme using the HTTP Basic Standard, with the API token as the password.',
    specUri: 'https://www.rfc-editor.org/info/rfc7617',
  },
]);

export function serviceProviderConfig(options: ServiceProviderConfigOptions): ServiceProviderConfig {
  const { bulk, pagination, now } = options;
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    ...(options.documentationUri !== undefined && { documentationUri: options.documentationUri }),
    patch: { supported: true },
    bulk: { supported: true, maxOperations: bulk.maxOperations, maxPayloadSize: bulk.maxPayloadSize },
    filter: { supported: true, maxResults: options.filterMaxResults },
    changePassword: { supported: true },
    sort: { supported: true },
    etag: { supported: true },
    pagination: {
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: pagination.defaultPageSize,
      maxPageSize: pagination.maxPageSize ?? options.filterMaxResults,
      ...(pagination.cursorTimeout !== undefined && { cursorTimeout: pagination.cursorTimeout }),
    },
    authenticationSchemes: AUTHENTICATION_SCHEMES.map((scheme) => ({ ...scheme })),
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: discoveryLocation(options.baseUrl, 'ServiceProviderConfig'),
      ...(now !== undefined && { created: now.toISOString(), lastModified: now.toISOString() }),
    },
  };
}
