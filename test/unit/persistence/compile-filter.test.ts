import fc from 'fast-check';
import type { FilterInput } from '../../../src/domain/filter/filter';
import { resolveFilter } from '../../../src/domain/filter/resolve-filter';
import { GROUP_ATTRIBUTES } from '../../../src/domain/groups/group-attributes';
import type { DialectName } from '../../../src/persistence/dialect';
import { dialects } from '../../../src/persistence/dialect';
import { compileFilter } from '../../../src/persistence/filter/compile-filter';
import { GROUP_FILTER_TARGET } from '../../../src/persistence/filter/group-filter-target';
import { USER_FILTER_TARGET } from '../../../src/persistence/filter/user-filter-target';
import {
  CATALOG,
  EXT,
  condition as c,
  stringValues,
  userFilter,
  withNeutralStrings,
} from './filter-arbitraries';

const ORG = 'org-1';
const PATH = (name: string) => `$."${EXT}"."${name}"`;

function compileUser(input: FilterInput, dialect: DialectName) {
  return compileFilter(resolveFilter(input, CATALOG), USER_FILTER_TARGET, {
    dialect: dialects[dialect],
    organizationId: ORG,
  });
}

function compileGroup(input: FilterInput, dialect: DialectName) {
  return compileFilter(resolveFilter(input, GROUP_ATTRIBUTES), GROUP_FILTER_TARGET, {
    dialect: dialects[dialect],
    organizationId: ORG,
  });
}

interface Row {
  readonly name: string;
  readonly filter: FilterInput;
  readonly sqlite: string;
  /** Omitted when MySQL's SQL differs only in identifier quoting. */
  readonly mysql?: string;
  readonly params: readonly unknown[];
}

/** SQLite's text as MySQL's: identifiers quoted with backticks, a walk's step joined straight. */
const mysqlQuoting = (sqlite: string) =>
  sqlite
    .replace(/"(user_values|group_members|groups|users)"/g, '`$1`')
    .replace(/ CROSS JOIN /g, ' STRAIGHT_JOIN ');

const USER_ROWS: Row[] = [
  {
    name: 'userName eq compares the indexed key with the lower-cased value',
    filter: c('userName', 'eq', 'Alice'),
    sqlite: 'u.user_name_key = ?',
    params: ['alice'],
  },
  {
    name: 'userName ne negates the key comparison (userName is never absent)',
    filter: c('userName', 'ne', 'Alice'),
    sqlite: 'NOT (u.user_name_key = ?)',
    params: ['alice'],
  },
  {
    name: 'externalId eq is exact and indexed',
    filter: c('externalId', 'eq', 'X-1'),
    sqlite: 'u.external_id = ?',
    params: ['X-1'],
  },
  {
    name: 'externalId ne matches users without one',
    filter: c('externalId', 'ne', 'X-1'),
    sqlite: '(u.external_id IS NULL OR NOT (u.external_id = ?))',
    params: ['X-1'],
  },
  {
    name: 'displayName co escapes LIKE wildcards and compares lower-cased',
    filter: c('displayName', 'co', 'a%b_c!'),
    sqlite: "LOWER(u.display_name) LIKE ? ESCAPE '!'",
    params: ['%a!%b!_c!!%'],
  },
  {
    name: 'displayName eq uses the key column',
    filter: c('displayName', 'eq', 'Ann Lee'),
    sqlite: 'u.display_name_key = ?',
    params: ['ann lee'],
  },
  {
    name: 'displayName eq with a value as long as the key rechecks the full column',
    filter: c('displayName', 'eq', 'A'.repeat(300)),
    sqlite: '(u.display_name_key = ? AND LOWER(u.display_name) = ?)',
    params: ['a'.repeat(255), 'a'.repeat(300)],
  },
  {
    name: 'displayName sw is a prefix LIKE on the key (index-friendly)',
    filter: c('displayName', 'sw', 'Ann'),
    sqlite: "u.display_name_key LIKE ? ESCAPE '!'",
    params: ['ann%'],
  },
  {
    name: 'title gt compares lower-cased text',
    filter: c('title', 'gt', 'Manager'),
    sqlite: 'LOWER(u.title) > ?',
    params: ['manager'],
  },
  { name: 'booleans compare as 0/1', filter: c('active', 'eq', true), sqlite: 'u.active = ?', params: [1] },
  {
    name: 'dates compare as instants in the stored format',
    filter: c('meta.created', 'ge', '2024-01-02T04:04:05.678+01:00'),
    sqlite: 'u.created_at >= ?',
    params: ['2024-01-02 03:04:05.678'],
  },
  {
    name: 'pr means not null and not empty',
    filter: c('title', 'pr'),
    sqlite: "(u.title IS NOT NULL AND u.title <> '')",
    params: [],
  },
  {
    name: 'emails.value eq is a semi-join on the indexed projection',
    filter: c('emails.value', 'eq', 'Ann@Example.com'),
    sqlite:
      'u.id IN (SELECT v.user_id FROM "user_values" v WHERE v.organization_id = ? AND v.attribute = \'emails\' AND v.value_key = ?)',
    params: [ORG, 'ann@example.com'],
  },
  {
    name: 'emails[type eq "work" and value co "@example.com"] holds on one email',
    filter: {
      kind: 'some',
      attribute: 'emails',
      filter: { kind: 'and', filters: [c('type', 'eq', 'work'), c('value', 'co', '@example.com')] },
    },
    sqlite:
      "u.id IN (SELECT v.user_id FROM \"user_values\" v WHERE v.organization_id = ? AND v.attribute = 'emails' AND (LOWER(v.type) = ? AND LOWER(v.value) LIKE ? ESCAPE '!'))",
    params: [ORG, 'work', '%@example.com%'],
  },
  {
    name: 'emails pr means the user has an email',
    filter: c('emails', 'pr'),
    sqlite:
      'u.id IN (SELECT v.user_id FROM "user_values" v WHERE v.organization_id = ? AND v.attribute = \'emails\')',
    params: [ORG],
  },
  {
    name: 'not treats an absent attribute as false before negating',
    filter: { kind: 'not', filter: c('title', 'eq', 'CEO') },
    sqlite: 'NOT COALESCE(LOWER(u.title) = ?, 0)',
    params: ['ceo'],
  },
  {
    name: 'or joins its conditions',
    filter: { kind: 'or', filters: [c('userName', 'sw', 'a'), c('name.familyName', 'ew', 'son')] },
    sqlite: "(u.user_name_key LIKE ? ESCAPE '!' OR LOWER(u.family_name) LIKE ? ESCAPE '!')",
    params: ['a%', '%son'],
  },
  {
    name: 'a case-exact multi-valued value narrows by the key, then compares exactly',
    filter: c('entitlements.value', 'eq', 'Admin'),
    sqlite:
      'u.id IN (SELECT v.user_id FROM "user_values" v WHERE v.organization_id = ? AND v.attribute = \'entitlements\' AND (v.value_key = ? AND v.value = ?))',
    params: [ORG, 'admin', 'Admin'],
  },
  {
    name: 'groups.value eq finds direct and nested members, walking down from the matching group',
    filter: c('groups.value', 'eq', 'G-1'),
    sqlite:
      'u.id IN (WITH RECURSIVE matched (id) AS (SELECT g.id FROM "groups" g WHERE g.organization_id = ? AND g.id = ? UNION SELECT gm.member_id FROM matched m CROSS JOIN "group_members" gm ON gm.organization_id = ? AND gm.group_id = m.id AND gm.member_type = \'Group\')' +
      ' SELECT gm.member_id FROM matched m CROSS JOIN "group_members" gm ON gm.group_id = m.id WHERE +gm.organization_id = ?)',
    params: [ORG, 'G-1', ORG, ORG],
  },
  {
    name: 'groups.display compares the groups’ indexed key before the walk',
    filter: c('groups.display', 'eq', 'Admins'),
    sqlite:
      'u.id IN (WITH RECURSIVE matched (id) AS (SELECT g.id FROM "groups" g WHERE g.organization_id = ? AND g.display_name_key = ? UNION SELECT gm.member_id FROM matched m CROSS JOIN "group_members" gm ON gm.organization_id = ? AND gm.group_id = m.id AND gm.member_type = \'Group\')' +
      ' SELECT gm.member_id FROM matched m CROSS JOIN "group_members" gm ON gm.group_id = m.id WHERE +gm.organization_id = ?)',
    params: [ORG, 'admins', ORG, ORG],
  },
  {
    name: 'addresses.locality eq uses the projection',
    filter: c('addresses.locality', 'eq', 'Oslo'),
    sqlite:
      'u.id IN (SELECT v.user_id FROM "user_values" v WHERE v.organization_id = ? AND v.attribute = \'addresses\' AND LOWER(v.locality) = ?)',
    params: [ORG, 'oslo'],
  },
  {
    name: 'enterprise attributes answer to their URN form',
    filter: c('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 'eq', 'R&D'),
    sqlite: 'LOWER(u.department) = ?',
    params: ['r&d'],
  },
  {
    name: 'the manager id is exact',
    filter: c('enterprise.manager.value', 'eq', 'M-1'),
    sqlite: 'u.manager_id = ?',
    params: ['M-1'],
  },
  {
    name: 'a string extension attribute is read from JSON with a parameterised path',
    filter: c(`${EXT}:badge`, 'eq', 'B-7'),
    sqlite: 'LOWER(json_extract(u.extensions, ?)) = ?',
    mysql: 'LOWER(JSON_VALUE(u.extensions, ?)) = ?',
    params: [PATH('badge'), 'b-7'],
  },
  {
    name: 'a numeric extension attribute compares as a number',
    filter: c(`${EXT}:level`, 'gt', 3),
    sqlite: 'json_extract(u.extensions, ?) > ?',
    mysql: 'CAST(JSON_VALUE(u.extensions, ?) AS DOUBLE) > ?',
    params: [PATH('level'), 3],
  },
  {
    name: 'a boolean extension attribute compares as 0/1',
    filter: c(`${EXT}:vip`, 'eq', true),
    sqlite: 'json_extract(u.extensions, ?) = ?',
    mysql: "(JSON_VALUE(u.extensions, ?) IN ('true', '1')) = ?",
    params: [PATH('vip'), 1],
  },
  {
    name: 'a dateTime extension attribute compares as an instant',
    filter: c(`${EXT}:hired`, 'lt', '2024-01-01T00:00:00Z'),
    sqlite: "strftime('%Y-%m-%d %H:%M:%f', json_extract(u.extensions, ?)) < ?",
    mysql: "CAST(REPLACE(REPLACE(JSON_VALUE(u.extensions, ?), 'T', ' '), 'Z', '') AS DATETIME(3)) < ?",
    params: [PATH('hired'), '2024-01-01 00:00:00.000'],
  },
  {
    name: 'a multi-valued extension attribute matches any element',
    filter: c(`${EXT}:tags`, 'eq', 'red'),
    sqlite: 'EXISTS (SELECT 1 FROM json_each(u.extensions, ?) j WHERE j.value = ?)',
    mysql:
      "EXISTS (SELECT 1 FROM JSON_TABLE(JSON_EXTRACT(u.extensions, ?), '$[*]' COLUMNS (v VARCHAR(8192) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$')) j WHERE j.v = ?)",
    params: [PATH('tags'), 'red'],
  },
  {
    name: 'ne on a multi-valued extension attribute means no element equals the value',
    filter: c(`${EXT}:tags`, 'ne', 'red'),
    sqlite: 'NOT EXISTS (SELECT 1 FROM json_each(u.extensions, ?) j WHERE j.value = ?)',
    mysql:
      "NOT EXISTS (SELECT 1 FROM JSON_TABLE(JSON_EXTRACT(u.extensions, ?), '$[*]' COLUMNS (v VARCHAR(8192) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$')) j WHERE j.v = ?)",
    params: [PATH('tags'), 'red'],
  },
];

const GROUP_ROWS: Row[] = [
  {
    name: 'group displayName eq uses the key column',
    filter: c('displayName', 'eq', 'Admins'),
    sqlite: 'g.display_name_key = ?',
    params: ['admins'],
  },
  {
    name: 'members.value eq is a semi-join on group_members',
    filter: c('members.value', 'eq', 'U-1'),
    sqlite:
      'g.id IN (SELECT gm.group_id FROM "group_members" gm WHERE gm.organization_id = ? AND gm.member_id = ?)',
    params: [ORG, 'U-1'],
  },
  {
    name: "members.display resolves a member's group or user name",
    filter: c('members.display', 'co', 'ann'),
    sqlite:
      'g.id IN (SELECT gm.group_id FROM "group_members" gm LEFT JOIN "users" mu ON mu.id = gm.member_id LEFT JOIN "groups" mg ON mg.id = gm.member_id WHERE gm.organization_id = ? AND LOWER(COALESCE(mg.display_name, mu.display_name, mu.user_name)) LIKE ? ESCAPE \'!\')',
    params: [ORG, '%ann%'],
  },
];

describe('compileFilter', () => {
  describe.each([
    ['users', USER_ROWS, compileUser],
    ['groups', GROUP_ROWS, compileGroup],
  ] as const)('on %s', (_resource, rows, compile) => {
    it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
      expect(compile(row.filter, 'sqlite')).toEqual({ sql: row.sqlite, params: row.params });
      expect(compile(row.filter, 'mysql')).toEqual({
        sql: row.mysql ?? mysqlQuoting(row.sqlite),
        params: row.params,
      });
    });
  });

  it('rejects a path outside the whitelist', () => {
    const resolved = resolveFilter(c('userName', 'eq', 'a'), CATALOG);
    const unknown = {
      ...resolved,
      attribute: { path: 'password_hash', type: 'string', caseExact: true },
    } as typeof resolved;

    expect(() =>
      compileFilter(unknown, USER_FILTER_TARGET, { dialect: dialects.sqlite, organizationId: ORG }),
    ).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  describe.each(['sqlite', 'mysql'] as const)('properties on %s', (dialect) => {
    it('never puts a filter value in the SQL text: the text depends only on the shape', () => {
      fc.assert(
        fc.property(userFilter, (filter) => {
          expect(compileUser(filter, dialect).sql).toBe(compileUser(withNeutralStrings(filter), dialect).sql);
        }),
        { numRuns: 300 },
      );
    });

    it('binds one parameter per placeholder, and hostile values only as parameters', () => {
      fc.assert(
        fc.property(userFilter, (filter) => {
          const { sql, params } = compileUser(filter, dialect);
          expect(sql.split('?').length - 1).toBe(params.length);
          const hostile = stringValues(filter).filter((v) => v.length >= 3 && /['"`;\\)]/.test(v));
          for (const value of hostile) expect(sql).not.toContain(value);
        }),
        { numRuns: 300 },
      );
    });
  });
});
