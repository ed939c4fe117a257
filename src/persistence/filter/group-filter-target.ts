import { raw, sql } from '../fragment';
import type { CompileScope, FilterTarget } from './filter-target';

/** Groups: canonical attribute path (lower case) → column of `groups g`; `members` → group_members. */
export const GROUP_FILTER_TARGET: FilterTarget = {
  resource: 'groups',
  scalars: {
    id: { expr: raw('g.id'), kind: 'string', nullable: false },
    externalid: { expr: raw('g.external_id'), kind: 'string', nullable: true },
    displayname: {
      expr: raw('g.display_name'),
      kind: 'string',
      nullable: false,
      key: { expr: raw('g.display_name_key'), truncated: true },
    },
    'meta.created': { expr: raw('g.created_at'), kind: 'dateTime', nullable: false },
    'meta.lastmodified': { expr: raw('g.updated_at'), kind: 'dateTime', nullable: false },
  },
  multiValued: {
    members: {
      outer: raw('g.id'),
      // A member's display is its group's displayName, or its user's displayName, else userName.
      subquery: ({ dialect, organizationId }: CompileScope, referenced: ReadonlySet<string>) => {
        const joins = referenced.has('display')
          ? raw(
              ` LEFT JOIN ${dialect.quote('users')} mu ON mu.id = gm.member_id LEFT JOIN ${dialect.quote('groups')} mg ON mg.id = gm.member_id`,
            )
          : raw('');
        return sql`SELECT gm.group_id FROM ${raw(dialect.quote('group_members'))} gm${joins} WHERE gm.organization_id = ${organizationId}`;
      },
      columns: {
        value: { expr: raw('gm.member_id'), kind: 'string', nullable: false },
        type: { expr: raw('gm.member_type'), kind: 'string', nullable: false },
        display: {
          expr: raw('COALESCE(mg.display_name, mu.display_name, mu.user_name)'),
          kind: 'string',
          nullable: true,
        },
      },
    },
  },
};
