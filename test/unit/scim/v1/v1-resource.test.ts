import type { JsonObject } from '../../../../src/scim/protocol';
import { checkV1Body, toV1Resource, toV2Resource } from '../../../../src/scim/v1/protocol';
import { expectScimError } from '../protocol/support/expect-scim-error';

const CORE = 'urn:scim:schemas:core:1.0';
const ENTERPRISE = 'urn:scim:schemas:extension:enterprise:1.0';
const USER_V2 = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_V2 = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE_V2 = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('toV2Resource turns a 1.1 POST/PUT body into the 2.0 body the shared code takes', () => {
  const rows: { name: string; body: JsonObject; type: 'User' | 'Group'; expected: JsonObject }[] = [
    {
      name: "Okta's create-user body (password and active included)",
      type: 'User',
      body: {
        schemas: [CORE],
        userName: 'test.user@okta.local',
        name: { givenName: 'Test', familyName: 'User' },
        emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
        displayName: 'Test User',
        locale: 'en_US',
        externalId: '00b443dd40SOK2eup0h7',
        groups: [],
        password: '1mz050nq',
        active: true,
      },
      expected: {
        schemas: [USER_V2],
        userName: 'test.user@okta.local',
        name: { givenName: 'Test', familyName: 'User' },
        emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
        displayName: 'Test User',
        locale: 'en_US',
        externalId: '00b443dd40SOK2eup0h7',
        groups: [],
        password: '1mz050nq',
        active: true,
      },
    },
    {
      name: 'the enterprise extension moves to its 2.0 URN, managerId becomes value',
      type: 'User',
      body: {
        schemas: [CORE, ENTERPRISE],
        userName: 'a',
        [ENTERPRISE]: { department: 'R&D', manager: { managerId: 'm-1', displayName: 'Boss' } },
      },
      expected: {
        schemas: [USER_V2, ENTERPRISE_V2],
        userName: 'a',
        [ENTERPRISE_V2]: { department: 'R&D', manager: { value: 'm-1', displayName: 'Boss' } },
      },
    },
    {
      name: "Okta's group push with its description extension (kept, for the 2.0 code to note and ignore)",
      type: 'Group',
      body: {
        schemas: [CORE, 'urn:okta:custom:group:1.0'],
        displayName: 'Group 10',
        'urn:okta:custom:group:1.0': { description: 'All Users West of the Rockies' },
      },
      expected: {
        schemas: [GROUP_V2, 'urn:okta:custom:group:1.0'],
        displayName: 'Group 10',
        'urn:okta:custom:group:1.0': { description: 'All Users West of the Rockies' },
      },
    },
    {
      name: 'the core URN is matched case-insensitively and listed once',
      type: 'Group',
      body: {
        schemas: ['URN:SCIM:SCHEMAS:CORE:1.0', CORE],
        displayName: 'g',
        id: 'x',
        meta: { version: 'v' },
      },
      expected: { schemas: [GROUP_V2], displayName: 'g', id: 'x', meta: { version: 'v' } },
    },
  ];
  it.each(rows)('$name', ({ body, type, expected }) => {
    expect(toV2Resource(body, type)).toEqual(expected);
  });

  it('keeps a "__proto__" member as data', () => {
    const body = JSON.parse(`{"schemas":["${CORE}"],"userName":"a","__proto__":{"polluted":true}}`);
    const result = toV2Resource(body, 'User');
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('checkV1Body rejects what is not a 1.1 resource with 400 invalidSyntax', () => {
  const rows: { name: string; body: unknown; detail: RegExp }[] = [
    { name: 'an array', body: [], detail: /must be a JSON object/ },
    { name: 'null', body: null, detail: /must be a JSON object/ },
    { name: 'no schemas', body: { userName: 'a' }, detail: /"schemas" must be a list/ },
    { name: 'schemas not a list of strings', body: { schemas: [1] }, detail: /"schemas" must be a list/ },
    {
      name: 'an unknown schema',
      body: { schemas: ['urn:example:nope'] },
      detail: /must include the SCIM 1\.1 core schema/,
    },
    {
      name: 'a 2.0 resource sent to the 1.1 endpoint',
      body: { schemas: [USER_V2] },
      detail: /SCIM 2\.0 resources are served at \/scim\/v2/,
    },
  ];
  it.each(rows)('$name', ({ body, detail }) => {
    expect(expectScimError(() => checkV1Body(body), 400, 'invalidSyntax').detail).toMatch(detail);
  });
});

describe('toV1Resource turns a 2.0 answer into its 1.1 representation', () => {
  const meta = {
    resourceType: 'User',
    created: '2019-10-18T06:39:04Z',
    lastModified: '2019-10-18T06:39:04Z',
    location: 'https://id.example.com/scim/v1/Users/u1',
    version: 'W/"1"',
  };
  const v1Meta = {
    created: meta.created,
    lastModified: meta.lastModified,
    location: meta.location,
    version: meta.version,
  };
  const rows: { name: string; resource: JsonObject; expected: JsonObject }[] = [
    {
      name: 'a user with the enterprise extension and groups',
      resource: {
        schemas: [USER_V2, ENTERPRISE_V2],
        id: 'u1',
        userName: 'a',
        groups: [
          { value: 'g1', $ref: 'https://id.example.com/scim/v1/Groups/g1', display: 'G', type: 'direct' },
        ],
        [ENTERPRISE_V2]: {
          department: 'R&D',
          manager: { value: 'm1', $ref: 'https://id.example.com/scim/v1/Users/m1', displayName: 'Boss' },
        },
        meta,
      },
      expected: {
        schemas: [CORE, ENTERPRISE],
        id: 'u1',
        userName: 'a',
        groups: [{ value: 'g1', display: 'G', type: 'direct' }],
        [ENTERPRISE]: { department: 'R&D', manager: { managerId: 'm1', displayName: 'Boss' } },
        meta: v1Meta,
      },
    },
    {
      name: 'a group with members',
      resource: {
        schemas: [GROUP_V2],
        id: 'g1',
        displayName: 'G',
        members: [{ value: 'u1', $ref: 'https://x/Users/u1', display: 'a', type: 'User' }],
        meta: { ...meta, resourceType: 'Group' },
      },
      expected: {
        schemas: [CORE],
        id: 'g1',
        displayName: 'G',
        members: [{ value: 'u1', display: 'a', type: 'User' }],
        meta: v1Meta,
      },
    },
    {
      name: 'a projected resource (attributes=userName) keeps only what it has',
      resource: { schemas: [USER_V2], id: 'u1', userName: 'a' },
      expected: { schemas: [CORE], id: 'u1', userName: 'a' },
    },
    {
      name: "an organization's own extension keeps its URN",
      resource: {
        schemas: [USER_V2, 'urn:ietf:params:scim:schemas:extension:acme:2.0:User'],
        id: 'u1',
        'urn:ietf:params:scim:schemas:extension:acme:2.0:User': { badge: '7' },
      },
      expected: {
        schemas: [CORE, 'urn:ietf:params:scim:schemas:extension:acme:2.0:User'],
        id: 'u1',
        'urn:ietf:params:scim:schemas:extension:acme:2.0:User': { badge: '7' },
      },
    },
  ];
  it.each(rows)('$name', ({ resource, expected }) => {
    expect(toV1Resource(resource)).toEqual(expected);
  });

  it('round-trips: a 1.1 body translated to 2.0 and back is the body again', () => {
    const body = {
      schemas: [CORE, ENTERPRISE],
      userName: 'a',
      emails: [{ value: 'a@example.com', type: 'work', primary: true }],
      [ENTERPRISE]: { employeeNumber: '7', manager: { managerId: 'm1' } },
    };
    expect(toV1Resource(toV2Resource(body, 'User'))).toEqual(body);
  });
});
