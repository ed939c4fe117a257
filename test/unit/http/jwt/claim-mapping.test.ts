import { loadConfig } from '../../../../src/config';
import { claimAt, mapClaims } from '../../../../src/http/jwt/claim-mapping';

/** The README's configuration for each IdP (keep them alike), read by loadConfig as the service would. */
const mappingFor = (env: Record<string, string>) => loadConfig(env).jwt.claims;

/** Recorded shapes of access tokens (values shortened), and what the README's settings make of them. */
const IDP_SHAPES: {
  idp: string;
  env: Record<string, string>;
  payload: Record<string, unknown>;
  expected: object;
}[] = [
  {
    idp: 'Okta (custom authorization server, org claim added to the access token)',
    env: {},
    payload: {
      iss: 'https://acme.okta.com/oauth2/default',
      aud: 'api://identity',
      sub: 'ann@acme.com',
      uid: '00u1abcd',
      cid: '0oa1client',
      scp: ['identity:read', 'openid'],
      org: 'acme',
    },
    expected: { subject: 'ann@acme.com', organization: 'acme', scopes: ['identity:read', 'openid'] },
  },
  {
    idp: 'Okta client credentials (service token: sub is the client id)',
    env: { JWT_SCOPE_MAP: 'identity.scim=scim,identity.admin=identity:admin' },
    payload: { sub: '0oa1client', cid: '0oa1client', scp: ['identity.scim'], org: 'acme' },
    expected: { subject: '0oa1client', organization: 'acme', scopes: ['scim'] },
  },
  {
    idp: 'Auth0 (namespaced organization claim from an Action, RBAC permissions)',
    env: {
      JWT_ORGANIZATION_CLAIM: 'https://identity.acme.com/org',
      JWT_SCOPE_CLAIM: 'scope,permissions',
      JWT_SCOPE_MAP: 'read:users=identity:read,write:users=identity:write,admin:identity=identity:admin',
    },
    payload: {
      iss: 'https://acme.eu.auth0.com/',
      aud: ['https://identity.acme.com', 'https://acme.eu.auth0.com/userinfo'],
      sub: 'auth0|64f1c0ffee',
      scope: 'openid read:users',
      permissions: ['write:users'],
      'https://identity.acme.com/org': 'acme',
    },
    expected: {
      subject: 'auth0|64f1c0ffee',
      organization: 'acme',
      scopes: ['openid', 'identity:read', 'identity:write'],
    },
  },
  {
    idp: 'Auth0 Organizations, client credentials',
    env: { JWT_ORGANIZATION_CLAIM: 'org_id', JWT_SCOPE_MAP: 'read:users=identity:read' },
    payload: {
      sub: 'Xy12client@clients',
      scope: 'read:users',
      org_id: 'org_9fKq',
      gty: 'client-credentials',
    },
    expected: { subject: 'Xy12client@clients', organization: 'org_9fKq', scopes: ['identity:read'] },
  },
  {
    idp: 'Entra ID v2, delegated (scp string) and app roles (roles array), tenant in tid',
    env: {
      JWT_ORGANIZATION_CLAIM: 'tid',
      JWT_SCOPE_CLAIM: 'scp,roles',
      JWT_SCOPE_MAP:
        'Identity.Read=identity:read,Identity.Write=identity:write,Identity.Admin=identity:admin,Identity.Scim=scim',
    },
    payload: {
      iss: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
      aud: '6e74172b-be56-4843-9ff4-e66a39bb12e3',
      tid: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      oid: '0b7a6b5a-1f2e-4c3d-9e8f-7a6b5c4d3e2f',
      sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ',
      scp: 'Identity.Read User.Read',
      roles: ['Identity.Admin'],
    },
    expected: {
      subject: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ',
      organization: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      scopes: ['identity:read', 'User.Read', 'identity:admin'],
    },
  },
  {
    idp: 'Keycloak (client roles, organization scope)',
    env: {
      JWT_ORGANIZATION_CLAIM: 'organization',
      JWT_SCOPE_CLAIM: 'resource_access.identity.roles',
      JWT_SCOPE_MAP: 'admin=identity:admin,writer=identity:write,reader=identity:read,provisioner=scim',
    },
    payload: {
      iss: 'https://kc.acme.com/realms/acme',
      aud: ['identity', 'account'],
      sub: 'f3c5a2d4-1b6e-4c8d-9a0f-2e4b6d8f0a1c',
      azp: 'identity-console',
      scope: 'openid profile email organization',
      realm_access: { roles: ['offline_access'] },
      resource_access: { identity: { roles: ['reader', 'provisioner'] } },
      organization: ['acme'],
    },
    expected: {
      subject: 'f3c5a2d4-1b6e-4c8d-9a0f-2e4b6d8f0a1c',
      organization: 'acme',
      scopes: ['identity:read', 'scim'],
    },
  },
];

describe('claim mapping', () => {
  it.each(IDP_SHAPES)('reads $idp', ({ env, payload, expected }) => {
    expect(mapClaims(payload, mappingFor(env))).toEqual(expected);
  });

  it.each([
    [
      'a namespaced claim whose name has dots',
      { 'https://x.example/org': 'a' },
      'https://x.example/org',
      'a',
    ],
    ['a nested claim', { org: { id: 'b' } }, 'org.id', 'b'],
    ['nothing through the prototype', {}, '__proto__.polluted', undefined],
    ['nothing through constructor', { a: {} }, 'a.constructor', undefined],
    ['nothing inside a string', { org: 'abc' }, 'org.length', undefined],
  ])('finds %s', (_case, payload, path, expected) => {
    expect(claimAt(payload, path)).toBe(expected);
  });

  it.each([
    ['no subject', { org: 'acme' }],
    ['a numeric subject', { sub: 42, org: 'acme' }],
    ['a subject too long for the audit trail', { sub: 'x'.repeat(256), org: 'acme' }],
    ['no organization', { sub: 'ann' }],
    ['several organizations', { sub: 'ann', organization: ['a', 'b'] }],
  ])('refuses a token with %s', (_case, payload) => {
    expect(mapClaims(payload, mappingFor({}))).toBeNull();
  });

  it('reads the subject from another claim when configured', () => {
    const mapping = mappingFor({ JWT_SUBJECT_CLAIM: 'oid', JWT_ORGANIZATION_CLAIM: 'tid' });
    expect(mapClaims({ sub: 'pairwise', oid: 'object-id', tid: 't' }, mapping)?.subject).toBe('object-id');
  });

  it('puts every token of an issuer with a fixed organization into it, whatever its claims say', () => {
    expect(mapClaims({ sub: 'svc', org: 'other' }, { subject: 'sub', fixedOrganization: 'acme' })).toEqual({
      subject: 'svc',
      organization: 'acme',
      scopes: [],
    });
  });

  it('lets a platform:admin token name no organization: it names one per request (X-Organization)', () => {
    expect(mapClaims({ sub: 'portal', scope: 'platform:admin' }, mappingFor({}))).toEqual({
      subject: 'portal',
      organization: null,
      scopes: ['platform:admin'],
    });
  });

  it('never grants platform:admin to an issuer pinned to one organization, so its tokens stay there', () => {
    const pinned = {
      subject: 'sub',
      fixedOrganization: 'acme',
      scopeMap: { Admin: ['platform:admin', 'scim'] },
    };
    expect(mapClaims({ sub: 'svc', scp: ['Admin', 'platform:admin'] }, pinned)).toEqual({
      subject: 'svc',
      organization: 'acme',
      scopes: ['scim'],
    });
  });
});
