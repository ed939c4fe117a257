import {
  defineAttribute,
  groupResourceSchema,
  isAttributeReturned,
  projectResource,
  userResourceSchema,
} from '../../../../../src/scim/protocol';
import type { JsonObject, ProjectionOptions } from '../../../../../src/scim/protocol';
import { ENTERPRISE, GROUP, USER } from '../support/patch-helpers';

const CUSTOM = 'urn:example:params:scim:schemas:extension:sec:1.0:User';
const schema = userResourceSchema([
  {
    required: false,
    schema: {
      id: CUSTOM,
      name: 'Security',
      description: 'Security data',
      attributes: [
        defineAttribute('riskScore', 'integer', { returned: 'request' }),
        defineAttribute('clearance', 'string'),
      ],
    },
  },
]);

const user: JsonObject = {
  schemas: [USER, ENTERPRISE, CUSTOM],
  id: 'u1',
  externalId: 'e1',
  userName: 'bjensen',
  password: 'secret',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [
    { value: 'b@work.com', type: 'work', primary: true },
    { value: 'b@home.org', type: 'home' },
  ],
  meta: { resourceType: 'User', version: 'W/"1"' },
  unknownAttribute: 'dropped',
  [ENTERPRISE]: { department: 'Sales', manager: { value: 'm1', displayName: 'Boss' } },
  [CUSTOM]: { riskScore: 7, clearance: 'secret' },
};

const everythingByDefault: JsonObject = {
  schemas: [USER, ENTERPRISE, CUSTOM],
  id: 'u1',
  externalId: 'e1',
  meta: { resourceType: 'User', version: 'W/"1"' },
  userName: 'bjensen',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: user.emails as JsonObject[],
  [ENTERPRISE]: { department: 'Sales', manager: { value: 'm1', displayName: 'Boss' } },
  [CUSTOM]: { clearance: 'secret' },
};

describe('projectResource', () => {
  const rows: { name: string; options: ProjectionOptions; expected: JsonObject }[] = [
    {
      name: 'returns default attributes, never the password, nor request-only or unknown ones',
      options: {},
      expected: everythingByDefault,
    },
    {
      name: 'attributes returns only the named ones plus id and schemas',
      options: { attributes: ['userName'] },
      expected: { schemas: [USER, ENTERPRISE, CUSTOM], id: 'u1', userName: 'bjensen' },
    },
    {
      name: 'attribute names are case-insensitive',
      options: { attributes: ['USERNAME', 'Name.GivenName'] },
      expected: {
        schemas: [USER, ENTERPRISE, CUSTOM],
        id: 'u1',
        userName: 'bjensen',
        name: { givenName: 'Barbara' },
      },
    },
    {
      name: 'a sub-attribute selects only it',
      options: { attributes: ['emails.value'] },
      expected: {
        schemas: [USER, ENTERPRISE, CUSTOM],
        id: 'u1',
        emails: [{ value: 'b@work.com' }, { value: 'b@home.org' }],
      },
    },
    {
      name: 'a URN-qualified core name',
      options: { attributes: [`${USER}:name.familyName`] },
      expected: { schemas: [USER, ENTERPRISE, CUSTOM], id: 'u1', name: { familyName: 'Jensen' } },
    },
    {
      name: 'a URN-qualified extension sub-attribute',
      options: { attributes: [`${ENTERPRISE}:manager.value`] },
      expected: { schemas: [USER, ENTERPRISE, CUSTOM], id: 'u1', [ENTERPRISE]: { manager: { value: 'm1' } } },
    },
    {
      name: 'a schema URN selects its whole schema',
      options: { attributes: [ENTERPRISE] },
      expected: {
        schemas: [USER, ENTERPRISE, CUSTOM],
        id: 'u1',
        [ENTERPRISE]: { department: 'Sales', manager: { value: 'm1', displayName: 'Boss' } },
      },
    },
    {
      name: 'a request-only attribute is returned when named',
      options: { attributes: [`${CUSTOM}:riskScore`] },
      expected: { schemas: [USER, ENTERPRISE, CUSTOM], id: 'u1', [CUSTOM]: { riskScore: 7 } },
    },
    {
      name: 'the password is not returned even when named',
      options: { attributes: ['password', 'userName'] },
      expected: { schemas: [USER, ENTERPRISE, CUSTOM], id: 'u1', userName: 'bjensen' },
    },
    {
      name: 'excludedAttributes removes default attributes',
      options: { excludedAttributes: ['emails', 'name.givenName', `${ENTERPRISE}:manager`, 'meta'] },
      expected: {
        schemas: [USER, ENTERPRISE, CUSTOM],
        id: 'u1',
        externalId: 'e1',
        userName: 'bjensen',
        name: { familyName: 'Jensen' },
        [ENTERPRISE]: { department: 'Sales' },
        [CUSTOM]: { clearance: 'secret' },
      },
    },
    {
      name: 'excludedAttributes has no effect on id (returned always)',
      options: { excludedAttributes: ['id', 'userName'] },
      expected: Object.fromEntries(
        Object.entries(everythingByDefault).filter(([key]) => key !== 'userName'),
      ) as JsonObject,
    },
    {
      name: 'excluding an extension URN drops the extension object',
      options: { excludedAttributes: [ENTERPRISE, CUSTOM] },
      expected: Object.fromEntries(
        Object.entries(everythingByDefault).filter(([key]) => key !== ENTERPRISE && key !== CUSTOM),
      ) as JsonObject,
    },
    {
      name: 'with both, excludedAttributes trims what attributes selected',
      options: { attributes: ['name', 'userName'], excludedAttributes: ['name.familyName'] },
      expected: {
        schemas: [USER, ENTERPRISE, CUSTOM],
        id: 'u1',
        userName: 'bjensen',
        name: { givenName: 'Barbara' },
      },
    },
    {
      name: 'unknown names select nothing',
      options: { attributes: ['shoeSize'] },
      expected: { schemas: [USER, ENTERPRISE, CUSTOM], id: 'u1' },
    },
  ];

  it.each(rows)('$name', ({ options, expected }) => {
    expect(projectResource(user, schema, options)).toEqual(expected);
  });

  it('does not share objects with the input', () => {
    const projected = projectResource(user, schema);
    (projected.name as JsonObject).givenName = 'changed';
    expect((user.name as JsonObject).givenName).toBe('Barbara');
  });

  it('projects each resource of a list by the same rules, whatever the first one held and however names are cased', () => {
    const sparse: JsonObject = {
      SCHEMAS: [USER],
      ID: 'u2',
      username: 'ann',
      EMAILS: [{ VALUE: 'ann@example.com', Primary: true }, 'not an object'],
      name: {},
    };
    for (const options of [
      {},
      { excludedAttributes: ['emails.primary', 'userName'] },
      { attributes: ['emails'] },
    ]) {
      const shared = [projectResource(user, schema, options), projectResource(sparse, schema, options)];
      // A schema built anew has projections of its own: nothing the first resource left behind.
      const fresh = userResourceSchema(schema.extensions.filter((e) => e.schema.id === CUSTOM));
      expect(shared).toEqual([
        projectResource(user, fresh, options),
        projectResource(sparse, fresh, options),
      ]);
    }
    expect(projectResource(sparse, schema, { excludedAttributes: ['emails.primary'] })).toEqual({
      schemas: [USER],
      id: 'u2',
      userName: 'ann',
      emails: [{ value: 'ann@example.com' }],
    });
  });

  it('leaves members out of a group for Entra excludedAttributes=members', () => {
    const group = { schemas: [GROUP], id: 'g1', displayName: 'Ops', members: [{ value: 'u1' }] };
    expect(projectResource(group, groupResourceSchema(), { excludedAttributes: ['members'] })).toEqual({
      schemas: [GROUP],
      id: 'g1',
      displayName: 'Ops',
    });
  });
});

describe('isAttributeReturned', () => {
  const group = groupResourceSchema();
  const rows: { options: ProjectionOptions; path: string; expected: boolean }[] = [
    { options: {}, path: 'members', expected: true },
    { options: { excludedAttributes: ['members'] }, path: 'members', expected: false },
    { options: { attributes: ['displayName'] }, path: 'members', expected: false },
    { options: { attributes: ['members.value'] }, path: 'members', expected: true },
    { options: { excludedAttributes: ['id'] }, path: 'id', expected: true },
    { options: {}, path: 'unknown', expected: false },
  ];

  it.each(rows)('$path with $options → $expected', ({ options, path, expected }) => {
    expect(isAttributeReturned(group, options, path)).toBe(expected);
  });
});
