import {
  COMMON_ATTRIBUTES,
  ENTERPRISE_USER_SCHEMA_DEFINITION,
  findAttribute,
  GROUP_SCHEMA_DEFINITION,
  USER_SCHEMA_DEFINITION,
} from '../../../../../src/scim/protocol';
import type { AttributeDefinition } from '../../../../../src/scim/protocol';

function attributeAt(
  attributes: readonly AttributeDefinition[],
  path: string,
): AttributeDefinition | undefined {
  const [name = '', sub] = path.split('.');
  const attribute = findAttribute(attributes, name);
  return sub === undefined ? attribute : findAttribute(attribute?.subAttributes, sub);
}

type Characteristics = Partial<Omit<AttributeDefinition, 'name' | 'description' | 'subAttributes'>>;

describe('schema definitions follow RFC 7643 §8.7.1', () => {
  const user = [...COMMON_ATTRIBUTES, ...USER_SCHEMA_DEFINITION.attributes];
  const rows: { path: string; expected: Characteristics }[] = [
    {
      path: 'id',
      expected: {
        type: 'string',
        caseExact: true,
        mutability: 'readOnly',
        returned: 'always',
        uniqueness: 'server',
      },
    },
    {
      path: 'externalId',
      expected: { type: 'string', caseExact: true, mutability: 'readWrite', returned: 'default' },
    },
    { path: 'meta.lastModified', expected: { type: 'dateTime', mutability: 'readOnly' } },
    {
      path: 'userName',
      expected: {
        type: 'string',
        required: true,
        caseExact: false,
        uniqueness: 'server',
        returned: 'default',
      },
    },
    { path: 'name.familyName', expected: { type: 'string', mutability: 'readWrite' } },
    { path: 'name.honorificSuffix', expected: { type: 'string' } },
    { path: 'profileUrl', expected: { type: 'reference', referenceTypes: ['external'] } },
    { path: 'active', expected: { type: 'boolean', multiValued: false } },
    { path: 'password', expected: { type: 'string', mutability: 'writeOnly', returned: 'never' } },
    { path: 'emails', expected: { type: 'complex', multiValued: true } },
    { path: 'emails.type', expected: { canonicalValues: ['work', 'home', 'other'] } },
    { path: 'emails.primary', expected: { type: 'boolean' } },
    {
      path: 'phoneNumbers.type',
      expected: { canonicalValues: ['work', 'home', 'mobile', 'fax', 'pager', 'other'] },
    },
    {
      path: 'ims.type',
      expected: { canonicalValues: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'] },
    },
    { path: 'photos.value', expected: { type: 'reference', referenceTypes: ['external'] } },
    { path: 'addresses.streetAddress', expected: { type: 'string' } },
    { path: 'addresses.country', expected: { type: 'string' } },
    { path: 'addresses.type', expected: { canonicalValues: ['work', 'home', 'other'] } },
    { path: 'groups', expected: { multiValued: true, mutability: 'readOnly' } },
    {
      path: 'groups.$ref',
      expected: { type: 'reference', referenceTypes: ['User', 'Group'], mutability: 'readOnly' },
    },
    { path: 'groups.type', expected: { canonicalValues: ['direct', 'indirect'], mutability: 'readOnly' } },
    { path: 'entitlements.value', expected: { type: 'string' } },
    { path: 'roles.primary', expected: { type: 'boolean' } },
    { path: 'x509Certificates.value', expected: { type: 'binary', caseExact: true } },
  ];

  it.each(rows)('User $path', ({ path, expected }) => {
    expect(attributeAt(user, path)).toMatchObject(expected);
  });

  const enterpriseRows: { path: string; expected: Characteristics }[] = [
    { path: 'employeeNumber', expected: { type: 'string', multiValued: false } },
    { path: 'costCenter', expected: { type: 'string' } },
    { path: 'organization', expected: { type: 'string' } },
    { path: 'division', expected: { type: 'string' } },
    { path: 'department', expected: { type: 'string' } },
    { path: 'manager', expected: { type: 'complex', multiValued: false, mutability: 'readWrite' } },
    { path: 'manager.value', expected: { type: 'string', required: false } },
    { path: 'manager.$ref', expected: { type: 'reference', referenceTypes: ['User'] } },
    { path: 'manager.displayName', expected: { type: 'string', mutability: 'readOnly' } },
  ];

  it.each(enterpriseRows)('EnterpriseUser $path', ({ path, expected }) => {
    expect(attributeAt(ENTERPRISE_USER_SCHEMA_DEFINITION.attributes, path)).toMatchObject(expected);
  });

  const groupRows: { path: string; expected: Characteristics }[] = [
    { path: 'displayName', expected: { type: 'string', required: true } },
    { path: 'members', expected: { type: 'complex', multiValued: true, mutability: 'readWrite' } },
    { path: 'members.value', expected: { mutability: 'immutable' } },
    {
      path: 'members.$ref',
      expected: { type: 'reference', referenceTypes: ['User', 'Group'], mutability: 'immutable' },
    },
    // Not in the §8.7.1 listing; the server computes it, so it is declared readOnly.
    { path: 'members.display', expected: { mutability: 'readOnly' } },
    { path: 'members.type', expected: { canonicalValues: ['User', 'Group'], mutability: 'immutable' } },
  ];

  it.each(groupRows)('Group $path', ({ path, expected }) => {
    expect(attributeAt(GROUP_SCHEMA_DEFINITION.attributes, path)).toMatchObject(expected);
  });

  it('defines every core User attribute of §8.7.1', () => {
    expect(USER_SCHEMA_DEFINITION.attributes.map((attribute) => attribute.name)).toEqual([
      'userName',
      'name',
      'displayName',
      'nickName',
      'profileUrl',
      'title',
      'userType',
      'preferredLanguage',
      'locale',
      'timezone',
      'active',
      'password',
      'emails',
      'phoneNumbers',
      'ims',
      'photos',
      'addresses',
      'groups',
      'entitlements',
      'roles',
      'x509Certificates',
    ]);
  });

  it('is frozen so a caller cannot change the shared definitions', () => {
    expect(Object.isFrozen(USER_SCHEMA_DEFINITION)).toBe(true);
    expect(Object.isFrozen(USER_SCHEMA_DEFINITION.attributes[1]?.subAttributes)).toBe(true);
  });
});
