/**
 * The chain a User attribute travels: SCIM schema → GraphQL field (committed SDL, and the facade's
 * generated ScimUser fragment) → domain catalog → SQL column and filter target. Each link is
 * declared once; this test fails when one link is added without the others.
 */
import 'reflect-metadata';
import { buildASTSchema, getNamedType, isInputObjectType, isObjectType, parse } from 'graphql';
import type { GraphQLInputObjectType, GraphQLNamedType, GraphQLObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataArgsStorage } from 'typeorm';
import { USER_ATTRIBUTES } from '../../src/domain/users/user-attributes';
import { USER_CATALOG } from '../../src/domain/users/user-catalog';
import { UserEntity } from '../../src/persistence/entities/user.entity';
import { USER_FILTER_TARGET } from '../../src/persistence/filter/user-filter-target';
import {
  MULTI_VALUED_ATTRIBUTES,
  RETURNED_SINGULAR_ATTRIBUTES,
  WRITABLE_SINGULAR_ATTRIBUTES,
} from '../../src/scim/mapping/user-attribute-names';
import { ScimGetUserDocument } from '../../src/scim/operations/generated';
import type { AttributeDefinition } from '../../src/scim/protocol';
import {
  COMMON_ATTRIBUTES,
  ENTERPRISE_USER_SCHEMA_DEFINITION,
  findAttribute,
  USER_SCHEMA_DEFINITION,
} from '../../src/scim/protocol';

const sdl = readFileSync(join(__dirname, '..', '..', 'schema', 'identity.graphql'), 'utf8');
// Federation directives are declared by the router, not the SDL: declare them for a plain build.
const schema = buildASTSchema(
  parse(`directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
directive @link(url: String!, import: [link__Import]) repeatable on SCHEMA
scalar link__Import
${sdl}`),
  { assumeValidSDL: true },
);

const objectType = (name: string): GraphQLObjectType => {
  const type = schema.getType(name);
  if (!isObjectType(type)) throw new Error(`${name} is not an object type`);
  return type;
};
const inputType = (name: string): GraphQLInputObjectType => {
  const type = schema.getType(name);
  if (!isInputObjectType(type)) throw new Error(`${name} is not an input type`);
  return type;
};
const fieldType = (type: GraphQLObjectType | GraphQLInputObjectType, field: string): GraphQLNamedType =>
  getNamedType(type.getFields()[field].type);

const User = objectType('User');
const UserInput = inputType('UserInput');

/** The GraphQL field paths the facade selects (ScimUser fragment), `name.givenName` style. */
function selectedPaths(): Set<string> {
  const paths = new Set<string>();
  type Selections = { selections: readonly { kind: string; name?: { value: string } }[] };
  const walk = (set: Selections, prefix: string) => {
    for (const s of set.selections) {
      if (s.kind !== 'Field' || !s.name) continue;
      const path = `${prefix}${s.name.value}`;
      paths.add(path);
      const nested = (s as { selectionSet?: Selections }).selectionSet;
      if (nested) walk(nested, `${path}.`);
    }
  };
  const fragment = ScimGetUserDocument.definitions.find(
    (d) => d.kind === 'FragmentDefinition' && d.name.value === 'ScimUser',
  ) as unknown as { selectionSet: Selections };
  walk(fragment.selectionSet, '');
  return paths;
}
const SELECTED = selectedPaths();

/** Sub-attributes a client sends and the server stores (not the server-computed `$ref`). */
const stored = (attribute: AttributeDefinition) =>
  (attribute.subAttributes ?? []).filter((s) => s.name !== '$ref' && s.mutability !== 'readOnly');

describe('the User attribute chain', () => {
  describe('every SCIM User attribute maps to a GraphQL field', () => {
    it.each(RETURNED_SINGULAR_ATTRIBUTES)('%s is a User field the facade reads', (name) => {
      expect(User.getFields()[name]).toBeDefined();
      expect(SELECTED).toContain(name);
    });

    it.each(WRITABLE_SINGULAR_ATTRIBUTES)('%s is a UserInput field', (name) => {
      expect(UserInput.getFields()[name]).toBeDefined();
    });

    it.each(MULTI_VALUED_ATTRIBUTES)('%s and its sub-attributes are read and written', (name) => {
      const attribute = findAttribute(USER_SCHEMA_DEFINITION.attributes, name)!;
      const output = fieldType(User, name) as GraphQLObjectType;
      const input = fieldType(UserInput, name) as GraphQLInputObjectType;
      for (const sub of stored(attribute)) {
        expect(SELECTED).toContain(`${name}.${sub.name}`);
        expect(output.getFields()[sub.name]).toBeDefined();
        expect(input.getFields()[sub.name]).toBeDefined();
      }
    });

    it.each(['name', 'addresses'])('%s: every sub-attribute is read and written', (name) => {
      const attribute = findAttribute(USER_SCHEMA_DEFINITION.attributes, name)!;
      const input = fieldType(UserInput, name) as GraphQLInputObjectType;
      for (const sub of stored(attribute)) {
        expect(SELECTED).toContain(`${name}.${sub.name}`);
        expect(input.getFields()[sub.name]).toBeDefined();
      }
    });

    it('the enterprise extension: each attribute is an EnterpriseUser field (manager as manager.value)', () => {
      const input = inputType('EnterpriseUserInput');
      for (const attribute of ENTERPRISE_USER_SCHEMA_DEFINITION.attributes) {
        const path =
          attribute.name === 'manager' ? 'enterprise.manager.value' : `enterprise.${attribute.name}`;
        expect(SELECTED).toContain(path);
        expect(input.getFields()[attribute.name === 'manager' ? 'managerId' : attribute.name]).toBeDefined();
      }
    });

    it('every top-level SCIM attribute is covered by one of the mappings above', () => {
      const mapped = new Set([
        ...WRITABLE_SINGULAR_ATTRIBUTES,
        ...MULTI_VALUED_ATTRIBUTES,
        'id',
        'meta',
        'name',
        'addresses',
        'groups',
      ]);
      const names = [...COMMON_ATTRIBUTES, ...USER_SCHEMA_DEFINITION.attributes].map((a) => a.name);
      expect(names.filter((name) => !mapped.has(name))).toEqual([]);
    });
  });

  describe('the domain catalog and the SCIM schema agree', () => {
    // Deliberate: the manager id is kept and compared exactly as the IdP sent it (§8.7.1 says
    // caseExact false); filters have always compared it exactly.
    const KNOWN = new Set(['enterprise.manager.value:caseExact']);

    const scimAttribute = (path: string): AttributeDefinition | undefined => {
      const [first, ...rest] = path.split('.');
      if (first === 'meta')
        return findAttribute(findAttribute(COMMON_ATTRIBUTES, 'meta')?.subAttributes, rest[0]);
      if (first === 'enterprise') {
        const top = findAttribute(ENTERPRISE_USER_SCHEMA_DEFINITION.attributes, rest[0]);
        return rest[1] ? findAttribute(top?.subAttributes, rest[1]) : top;
      }
      const top = findAttribute([...COMMON_ATTRIBUTES, ...USER_SCHEMA_DEFINITION.attributes], first);
      return rest[0] ? findAttribute(top?.subAttributes, rest[0]) : top;
    };

    it.each(USER_CATALOG.map((e) => [e.path, e] as const))('%s', (path, entry) => {
      const scim = scimAttribute(path)!;
      expect(scim).toBeDefined();
      // A multi-valued attribute's type and caseExact in the catalog are those of its value.
      const value = scim.subAttributes?.find((s) => s.name === 'value');
      const typed = entry.multiValued && value ? value : scim;
      const differences = [
        ...(entry.type === 'complex'
          ? []
          : (['type', 'caseExact'] as const).filter((k) => typed[k] !== entry[k])),
        ...(['multiValued', 'mutability', 'returned'] as const).filter((k) => scim[k] !== entry[k]),
      ]
        .map((key) => `${path}:${key}`)
        .filter((key) => !KNOWN.has(key));
      expect(differences).toEqual([]);
    });
  });

  describe('every filterable attribute path has a SQL filter target, and the reverse', () => {
    const filterable = USER_CATALOG.filter((e) => e.filterable);

    it.each(filterable.filter((e) => !e.multiValued).map((e) => e.path))(
      '%s compiles to a column',
      (path) => {
        expect(USER_ATTRIBUTES.scalar(path)).toBeDefined();
        expect(USER_FILTER_TARGET.scalars[path.toLowerCase()]).toBeDefined();
      },
    );

    it.each(filterable.filter((e) => e.multiValued).map((e) => e.path))(
      '%s: each sub-attribute compiles to a column',
      (path) => {
        const attribute = USER_ATTRIBUTES.multi(path)!;
        const source = USER_FILTER_TARGET.multiValued[path.toLowerCase()];
        expect(source).toBeDefined();
        for (const sub of attribute.subAttributes.keys()) expect(source.columns[sub]).toBeDefined();
      },
    );

    it('every SQL filter target is an attribute of the catalog (no column reachable by a path nobody declared)', () => {
      const paths = new Set(filterable.map((e) => e.path.toLowerCase()));
      const targets = [
        ...Object.keys(USER_FILTER_TARGET.scalars),
        ...Object.keys(USER_FILTER_TARGET.multiValued),
      ];
      expect(targets.filter((target) => !paths.has(target))).toEqual([]);
    });

    it('every GraphQL filter path is a catalog attribute', () => {
      const paths = new Set(USER_CATALOG.map((e) => e.path));
      expect(USER_ATTRIBUTES.paths().filter((path) => !paths.has(path))).toEqual([]);
    });
  });

  it('every catalog column is a column of the users entity (so a migration must create it)', () => {
    const columns = new Set(
      getMetadataArgsStorage()
        .columns.filter((c) => c.target === UserEntity)
        .map((c) => c.options.name ?? c.propertyName),
    );
    const missing = USER_CATALOG.flatMap((e) => [e.column, e.keyColumn]).filter(
      (column): column is string => !!column && !columns.has(column),
    );
    expect(missing).toEqual([]);
  });
});
