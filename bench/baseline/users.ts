import { caseKey } from '../../src/domain/shared/text';
import type { Call, Reply } from './context';
import { HttpError } from './context';
import type { UserRow } from './user-json';
import { USER_FROM, USER_SELECT, userResource } from './user-json';

const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const MAX_COUNT = 1000;
const DEFAULT_COUNT = 100;

/**
 * Direct and nested groups of users, walking group_members recursively (UNION stops at a cycle);
 * STRAIGHT_JOIN keeps MariaDB probing group_members by member for each step instead of scanning the
 * organization's memberships. `anchor` is the condition on the users' own memberships.
 */
const memberships = (anchor: string) => `WITH RECURSIVE m (user_id, group_id, direct) AS (
  SELECT gm.member_id, gm.group_id, 1 FROM group_members gm WHERE gm.organization_id = ? AND ${anchor}
  UNION
  SELECT m.user_id, gm.group_id, 0 FROM m STRAIGHT_JOIN group_members gm ON gm.organization_id = ? AND gm.member_id = m.group_id)`;

/** GET /Users/{id}: the user, its manager's displayName and its groups (as JSON) in one statement. */
const BY_ID = `${memberships('gm.member_id = ?')}
SELECT ${USER_SELECT}, (SELECT JSON_ARRAYAGG(JSON_OBJECT('id', x.id, 'display', x.display_name, 'direct', x.direct) ORDER BY x.id)
  FROM (SELECT g.id, g.display_name, MAX(m.direct) AS direct FROM m JOIN \`groups\` g ON g.id = m.group_id GROUP BY g.id, g.display_name) x) AS grps
FROM ${USER_FROM} WHERE u.organization_id = ? AND u.id = ?`;

export async function getUser(call: Call, id: string): Promise<Reply> {
  const org = call.organizationId;
  const [row] = await call.db.rows<UserRow>(BY_ID, [org, id, org, org, id]);
  if (!row) throw new HttpError(404, `User ${id} not found`);
  return {
    status: 200,
    body: userResource(row, call.baseUrl, row.grps),
    headers: { ETag: `W/"${Number(row.version)}"` },
  };
}

interface MembershipRow {
  user_id: string;
  id: string;
  display: string;
  direct: number;
}

/** The groups of a page of users, one statement, as the `[{id, display, direct}]` lists userResource reads. */
async function groupsOfUsers(call: Call, ids: string[]): Promise<Map<string, MembershipRow[]>> {
  const org = call.organizationId;
  const rows = await call.db.rows<MembershipRow>(
    `${memberships('gm.member_id IN (?)')}
SELECT m.user_id, g.id, g.display_name AS display, MAX(m.direct) AS direct FROM m JOIN \`groups\` g ON g.id = m.group_id
GROUP BY m.user_id, g.id, g.display_name ORDER BY m.user_id, g.id`,
    [org, ids, org],
  );
  const byUser = new Map<string, MembershipRow[]>();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
  return byUser;
}

/** The filters the benchmark sends: none, or `userName eq "…"` (case-insensitive, on the key column). */
function parseFilter(filter: string | null): { where: string; params: string[] } {
  if (!filter) return { where: '', params: [] };
  const match = /^\s*userName\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  if (!match) throw new HttpError(400, 'The baseline supports only userName eq filters', 'invalidFilter');
  return { where: ' AND u.user_name_key = ?', params: [caseKey(JSON.parse(`"${match[1]}"`) as string)] };
}

/**
 * startIndex/count paging: one page with OFFSET, one statement for the page's groups, and a COUNT only
 * when the page cannot tell the total (a short first page is the whole result).
 */
export async function listUsers(call: Call): Promise<Reply> {
  const query = call.url.searchParams;
  const startIndex = Math.max(1, Number(query.get('startIndex') ?? 1) || 1);
  const count = Math.min(MAX_COUNT, Math.max(0, Number(query.get('count') ?? DEFAULT_COUNT) || 0));
  const { where, params } = parseFilter(query.get('filter'));
  const org = call.organizationId;
  const rows =
    count === 0
      ? []
      : await call.db.rows<UserRow>(
          `SELECT ${USER_SELECT} FROM ${USER_FROM} WHERE u.organization_id = ?${where} ORDER BY u.id LIMIT ? OFFSET ?`,
          [org, ...params, count, startIndex - 1],
        );
  const groups =
    rows.length > 0
      ? await groupsOfUsers(
          call,
          rows.map((row) => row.id as string),
        )
      : new Map();
  let total = startIndex - 1 + rows.length;
  if (rows.length === count || rows.length === 0) {
    const [row] = await call.db.rows<{ n: number }>(
      `SELECT COUNT(*) AS n FROM users u WHERE u.organization_id = ?${where}`,
      [org, ...params],
    );
    total = Number(row.n);
  }
  return {
    status: 200,
    body: {
      schemas: [LIST_RESPONSE],
      totalResults: total,
      itemsPerPage: rows.length,
      startIndex,
      Resources: rows.map((row) => userResource(row, call.baseUrl, groups.get(row.id as string) ?? [])),
    },
  };
}
