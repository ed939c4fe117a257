import type { Fragment } from '../fragment';
import { raw, sql } from '../fragment';
import type { CatalogEntry, CatalogType, UserMultiValueAttribute } from '../../domain/users/user-catalog';
import { STORED_MULTI_VALUED, USER_CATALOG } from '../../domain/users/user-catalog';
import type { CompileScope, FilterTarget, MultiValuedSource, Operand } from './filter-target';

const KIND: Readonly<Record<CatalogType, Operand['kind']>> = {
  string: 'string',
  reference: 'string',
  binary: 'string',
  complex: 'string',
  boolean: 'boolean',
  dateTime: 'dateTime',
};

/** userName keys are stored whole (they carry the unique index); other keys are cut to KEY_LENGTH. */
const WHOLE_KEYS = new Set(['user_name_key']);

function operandOf(entry: CatalogEntry): Operand {
  const operand: Operand = {
    expr: raw(`u.${entry.column}`),
    kind: KIND[entry.type],
    nullable: entry.nullable,
  };
  if (!entry.keyColumn) return operand;
  return {
    ...operand,
    key: { expr: raw(`u.${entry.keyColumn}`), truncated: !WHOLE_KEYS.has(entry.keyColumn) },
  };
}

/** Users: canonical attribute path (lower case) → column of `users u`, for every filterable catalog entry. */
const USER_SCALARS: Record<string, Operand> = Object.fromEntries(
  USER_CATALOG.filter((e) => e.filterable && !e.multiValued && e.column).map((e) => [
    e.path.toLowerCase(),
    operandOf(e),
  ]),
);

const value = (column: string, nullable = true): Operand => ({
  expr: raw(`v.${column}`),
  kind: 'string',
  nullable,
});

const VALUE_PARTS: Record<string, Operand> = {
  value: { ...value('value'), key: { expr: raw('v.value_key'), truncated: true } },
  display: value('display'),
  type: value('type'),
  primary: { expr: raw('v.primary_flag'), kind: 'boolean', nullable: false },
};

const ADDRESS_PARTS: Record<string, Operand> = {
  formatted: value('formatted'),
  streetaddress: value('street_address'),
  locality: value('locality'),
  region: value('region'),
  postalcode: value('postal_code'),
  country: value('country'),
  type: value('type'),
  primary: VALUE_PARTS.primary,
};

/** One multi-valued attribute in the `user_values` projection. */
function userValues(attribute: string, columns: Record<string, Operand>): MultiValuedSource {
  return {
    outer: raw('u.id'),
    subquery: ({ dialect, organizationId }: CompileScope): Fragment =>
      sql`SELECT v.user_id FROM ${raw(dialect.quote('user_values'))} v WHERE v.organization_id = ${organizationId} AND v.attribute = ${raw(`'${attribute}'`)}`,
    columns,
  };
}

/**
 * The groups a user belongs to, directly or through nested groups — what `User.groups` shows:
 * `groups[value eq "<group id>"]`, `groups.display co "eng"`. The condition picks groups; the
 * recursive walk goes down from them through member groups, and their direct members are the users.
 * Cost follows the matching groups and their nested groups, never the whole organization: each
 * step, and the final read of the members, looks them up by group from the groups found (see
 * Dialect.walkJoin). The unary `+` keeps SQLite's planner from preferring the organization's index for the
 * final read, which would scan every membership of the organization; MySQL ignores it. UNION (not
 * UNION ALL) ends the walk even if a membership cycle slipped in.
 */
function userGroups({ dialect, organizationId }: CompileScope, condition: Fragment | null): Fragment {
  const groups = raw(dialect.quote('groups'));
  const members = raw(dialect.quote('group_members'));
  const where = condition ? sql` AND ${condition}` : raw('');
  return sql`WITH RECURSIVE matched (id) AS (SELECT g.id FROM ${groups} g WHERE g.organization_id = ${organizationId}${where} UNION SELECT gm.member_id FROM matched m ${raw(dialect.walkJoin)} ${members} gm ON gm.organization_id = ${organizationId} AND gm.group_id = m.id AND gm.member_type = 'Group') SELECT gm.member_id FROM matched m ${raw(dialect.walkJoin)} ${members} gm ON gm.group_id = m.id WHERE +gm.organization_id = ${organizationId}`;
}

const USER_GROUPS: MultiValuedSource = {
  outer: raw('u.id'),
  subquery: (scope: CompileScope): Fragment => userGroups(scope, null),
  enclose: userGroups,
  columns: {
    value: { expr: raw('g.id'), kind: 'string', nullable: false },
    display: {
      expr: raw('g.display_name'),
      kind: 'string',
      nullable: false,
      key: { expr: raw('g.display_name_key'), truncated: true },
    },
  },
};

/** Names of the multi-valued attributes as stored in `user_values.attribute`. */
export const USER_VALUE_ATTRIBUTES = STORED_MULTI_VALUED.map((e) => e.field) as readonly (
  UserMultiValueAttribute | 'addresses'
)[];

export const USER_FILTER_TARGET: FilterTarget = {
  resource: 'users',
  scalars: USER_SCALARS,
  multiValued: {
    ...Object.fromEntries(
      USER_VALUE_ATTRIBUTES.map((name) => [
        name.toLowerCase(),
        userValues(name, name === 'addresses' ? ADDRESS_PARTS : VALUE_PARTS),
      ]),
    ),
    groups: USER_GROUPS,
  },
  extensions: raw('u.extensions'),
};
