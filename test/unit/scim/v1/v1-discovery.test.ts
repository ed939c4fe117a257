import {
  badRequest,
  groupResourceSchema,
  plainError,
  scimError,
  userResourceSchema,
} from '../../../../src/scim/protocol';
import type { JsonObject, ScimError } from '../../../../src/scim/protocol';
import {
  childName,
  findV1SchemaResource,
  v1ErrorBody,
  v1SchemaResource,
  v1ServiceProviderConfig,
} from '../../../../src/scim/v1/protocol';

const BASE = 'https://id.example.com/scim/v1';
type Attr = JsonObject & { name: string; subAttributes?: Attr[] };

describe('childName (1.1 multiValuedAttributeChildName)', () => {
  const rows = [
    ['emails', 'email'],
    ['phoneNumbers', 'phoneNumber'],
    ['ims', 'im'],
    ['addresses', 'address'],
    ['x509Certificates', 'x509Certificate'],
    ['members', 'member'],
    ['groups', 'group'],
  ];
  it.each(rows)('%s → %s', (plural, singular) => expect(childName(plural)).toBe(singular));
});

describe('v1ServiceProviderConfig', () => {
  it('is the 1.1 document: specUrl, xmlDataFormat, no Bulk on the 1.1 endpoint, location at /ServiceProviderConfigs', () => {
    const config = v1ServiceProviderConfig({ baseUrl: BASE, filterMaxResults: 200 });
    expect(config).toMatchObject({
      schemas: ['urn:scim:schemas:core:1.0'],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: true },
      sort: { supported: true },
      etag: { supported: true },
      xmlDataFormat: { supported: false },
      meta: { location: `${BASE}/ServiceProviderConfigs` },
    });
    expect(config.authenticationSchemes).toEqual([
      expect.objectContaining({
        type: 'oauthbearertoken',
        specUrl: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      }),
      expect.objectContaining({ type: 'httpbasic', specUrl: 'https://www.rfc-editor.org/info/rfc7617' }),
    ]);
  });
});

describe('v1SchemaResource', () => {
  const user = v1SchemaResource(BASE, userResourceSchema());
  const group = v1SchemaResource(BASE, groupResourceSchema());
  const attributes = (resource: JsonObject) => resource.attributes as Attr[];
  const attribute = (resource: JsonObject, name: string) =>
    attributes(resource).find((a) => a.name === name)!;

  it('describes the User resource in the 1.1 representation', () => {
    expect(user).toMatchObject({
      id: 'urn:scim:schemas:core:1.0:User',
      name: 'User',
      schema: 'urn:scim:schemas:core:1.0',
      endpoint: '/Users',
      meta: { location: `${BASE}/Schemas/Users` },
    });
    expect(attribute(user, 'emails')).toMatchObject({
      type: 'complex',
      multiValued: true,
      multiValuedAttributeChildName: 'email',
      schema: 'urn:scim:schemas:core:1.0',
      readOnly: false,
      required: false,
      caseExact: false,
    });
    expect(attribute(user, 'userName')).toMatchObject({ required: true, multiValued: false });
    expect(attribute(user, 'id')).toMatchObject({ readOnly: true });
    expect(attribute(user, 'groups')).toMatchObject({ readOnly: true });
  });

  it('lists enterprise attributes under the 1.1 enterprise URN, manager with managerId, and no $ref anywhere', () => {
    expect(attribute(user, 'department')).toMatchObject({
      schema: 'urn:scim:schemas:extension:enterprise:1.0',
    });
    expect(attribute(user, 'manager').subAttributes!.map((s) => s.name)).toEqual([
      'managerId',
      'displayName',
    ]);
    expect(JSON.stringify(user)).not.toContain('$ref');
    expect(JSON.stringify(user)).not.toContain('resourceType');
    expect(attribute(user, 'profileUrl').type).toBe('string');
  });

  it('describes Groups with members', () => {
    expect(group).toMatchObject({ id: 'urn:scim:schemas:core:1.0:Group', endpoint: '/Groups' });
    expect(attribute(group, 'members')).toMatchObject({
      multiValued: true,
      multiValuedAttributeChildName: 'member',
    });
  });

  const rows = ['Users', 'users', 'User', 'urn:scim:schemas:core:1.0:User'];
  it.each(rows)('findV1SchemaResource(%j) finds the User schema', (name) => {
    expect(findV1SchemaResource([user, group], name)).toBe(user);
  });
  it('findV1SchemaResource answers null for anything else', () => {
    expect(findV1SchemaResource([user, group], 'Devices')).toBeNull();
  });
});

describe('v1ErrorBody', () => {
  const rows: { error: ScimError; expected: JsonObject }[] = [
    {
      error: scimError('uniqueness', 'User already exists in the database.'),
      expected: { Errors: [{ description: 'User already exists in the database.', code: '409' }] },
    },
    {
      error: plainError(404, 'User 2819c223 not found'),
      expected: { Errors: [{ description: 'User 2819c223 not found', code: '404' }] },
    },
    {
      error: badRequest('invalidFilter', 'Unexpected end of filter at position 8'),
      expected: { Errors: [{ description: 'Unexpected end of filter at position 8', code: '400' }] },
    },
  ];
  it.each(rows)('$error.message', ({ error, expected }) => expect(v1ErrorBody(error)).toEqual(expected));
});
