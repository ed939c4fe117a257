import {
  AUTHENTICATION_SCHEMES,
  serviceProviderConfig,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
} from '../../../../../src/scim/protocol';
import type { ServiceProviderConfigOptions } from '../../../../../src/scim/protocol';
import { BASE_URL } from './discovery-fixtures';

const options: ServiceProviderConfigOptions = {
  baseUrl: BASE_URL,
  bulk: { maxOperations: 1000, maxPayloadSize: 1048576 },
  filterMaxResults: 200,
  pagination: { defaultPageSize: 100 },
};

const authenticationSchemes = [
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
];

const minimal = {
  schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
  patch: { supported: true },
  bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
  filter: { supported: true, maxResults: 200 },
  changePassword: { supported: true },
  sort: { supported: true },
  etag: { supported: true },
  pagination: {
    cursor: true,
    index: true,
    defaultPaginationMethod: 'index',
    defaultPageSize: 100,
    maxPageSize: 200,
  },
  authenticationSchemes,
  meta: { resourceType: 'ServiceProviderConfig', location: `${BASE_URL}/ServiceProviderConfig` },
};

describe('serviceProviderConfig', () => {
  const rows: { name: string; input: ServiceProviderConfigOptions; expected: object }[] = [
    {
      name: 'advertises every RFC 7643 §5 feature, cursor pagination and both auth schemes',
      input: options,
      expected: minimal,
    },
    {
      name: 'adds documentationUri, cursorTimeout, an explicit maxPageSize and meta times when given',
      input: {
        ...options,
        documentationUri: 'https://docs.example.com/scim',
        pagination: { defaultPageSize: 50, maxPageSize: 150, cursorTimeout: 3600 },
        now: new Date('2025-01-02T03:04:05.000Z'),
      },
      expected: {
        ...minimal,
        documentationUri: 'https://docs.example.com/scim',
        pagination: { ...minimal.pagination, defaultPageSize: 50, maxPageSize: 150, cursorTimeout: 3600 },
        meta: {
          ...minimal.meta,
          created: '2025-01-02T03:04:05.000Z',
          lastModified: '2025-01-02T03:04:05.000Z',
        },
      },
    },
    {
      name: 'builds the location from a base URL with a trailing slash',
      input: { ...options, baseUrl: `${BASE_URL}/` },
      expected: minimal,
    },
    {
      name: 'uses the base URL passed in, so each organisation gets its own location',
      input: { ...options, baseUrl: 'https://other.example.org/scim/v2' },
      expected: {
        ...minimal,
        meta: { ...minimal.meta, location: 'https://other.example.org/scim/v2/ServiceProviderConfig' },
      },
    },
  ];

  it.each(rows)('$name', ({ input, expected }) => {
    expect(serviceProviderConfig(input)).toStrictEqual(expected);
  });

  it('hands out copies, so changing one document cannot change the next', () => {
    const sut = serviceProviderConfig(options);
    const [first] = sut.authenticationSchemes;
    if (first) first.name = 'changed';
    expect(sut.authenticationSchemes[0]?.name).toBe('changed');
    expect(serviceProviderConfig(options).authenticationSchemes[0]?.name).toBe('OAuth Bearer Token');
    expect(AUTHENTICATION_SCHEMES[0]?.name).toBe('OAuth Bearer Token');
  });
});
