import type { Fragment } from '../fragment';
import { raw, sql } from '../fragment';
import type { CompileScope, FilterTarget, MultiValuedSource, Operand } from './filter-target';

const text = (column: string, nullable = true): Operand => ({
  expr: raw(`u.${column}`),
  kind: 'string',
  nullable,
});

/** Users: canonical attribute path (lower case) → column of `users u`. */
const USER_SCALARS: Record<string, Operand> = {
  id: text('id', false),
  externalid: text('external_id'),
  username: { ...text('user_name', false), key: { expr: raw('u.user_name_key'), truncated: false } },
  active: { expr: raw('u.active'), kind: 'boolean', nullable: false },
  displayname: { ...text('display_name'), key: { expr: raw('u.display_name_key'), truncated: true } },
  nickname: text('nick_name'),
  profileurl: text('profile_url'),
  title: text('title'),
  usertype: text('user_type'),
  preferredlanguage: text('preferred_language'),
  locale: text('locale'),
  timezone: text('timezone'),
  'name.formatted': text('name_formatted'),
  'name.familyname': text('family_name'),
  'name.givenname': text('given_name'),
  'name.middlename': text('middle_name'),
  'name.honorificprefix': text('honorific_prefix'),
  'name.honorificsuffix': text('honorific_suffix'),
  'enterprise.employeenumber': text('employee_number'),
  'enterprise.costcenter': text('cost_center'),
  'enterprise.organization': text('organization'),
  'enterprise.division': text('division'),
  'enterprise.department': text('department'),
  'enterprise.manager.value': text('manager_id'),
  'meta.created': { expr: raw('u.created_at'), kind: 'dateTime', nullable: false },
  'meta.lastmodified': { expr: raw('u.updated_at'), kind: 'dateTime', nullable: false },
};

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
 * Cost follows the matching groups and their nested groups, never the whole organization. UNION
 * (not UNION ALL) ends the walk even if a membership cycle slipped in.
 */
function userGroups({ dialect, organizationId }: CompileScope, condition: Fragment | null): Fragment {
  const groups = raw(dialect.quote('groups'));
  const members = raw(dialect.quote('group_members'));
  const where = condition ? sql` AND ${condition}` : raw('');
  return sql`WITH RECURSIVE matched (id) AS (SELECT g.id FROM ${groups} g WHERE g.organization_id = ${organizationId}${where} UNION SELECT gm.member_id FROM matched m JOIN ${members} gm ON gm.organization_id = ${organizationId} AND gm.group_id = m.id AND gm.member_type = 'Group') SELECT gm.member_id FROM ${members} gm JOIN matched m ON m.id = gm.group_id WHERE gm.organization_id = ${organizationId}`;
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
export const USER_VALUE_ATTRIBUTES = [
  'emails',
  'phoneNumbers',
  'ims',
  'photos',
  'entitlements',
  'roles',
  'x509Certificates',
  'addresses',
] as const;

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
