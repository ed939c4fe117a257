import type { Call, Reply } from './context';
import { HttpError, dbNow, insertAudit, isoOf } from './context';

const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

interface GroupRow {
  id: string;
  display_name: string;
  external_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

const groupResource = (row: GroupRow, baseUrl: string) => ({
  schemas: [GROUP_SCHEMA],
  id: row.id,
  ...(row.external_id ? { externalId: row.external_id } : {}),
  displayName: row.display_name,
  meta: {
    resourceType: 'Group',
    created: isoOf(row.created_at),
    lastModified: isoOf(row.updated_at),
    location: `${baseUrl}/Groups/${row.id}`,
    version: `W/"${Number(row.version)}"`,
  },
});

/** GET /Groups?excludedAttributes=members: one page by id with OFFSET, COUNT only when needed. */
export async function listGroups(call: Call): Promise<Reply> {
  const query = call.url.searchParams;
  if (!/(^|,)\s*members\s*(,|$)/i.test(query.get('excludedAttributes') ?? ''))
    throw new HttpError(501, 'The baseline lists groups only with excludedAttributes=members');
  const startIndex = Math.max(1, Number(query.get('startIndex') ?? 1) || 1);
  const count = Math.min(1000, Math.max(0, Number(query.get('count') ?? 100) || 0));
  const org = call.organizationId;
  const rows = await call.db.rows<GroupRow>(
    'SELECT id, display_name, external_id, version, created_at, updated_at FROM `groups` WHERE organization_id = ? ORDER BY id LIMIT ? OFFSET ?',
    [org, count, startIndex - 1],
  );
  let total = startIndex - 1 + rows.length;
  if (rows.length === count || rows.length === 0) {
    const [row] = await call.db.rows<{ n: number }>(
      'SELECT COUNT(*) AS n FROM `groups` WHERE organization_id = ?',
      [org],
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
      Resources: rows.map((row) => groupResource(row, call.baseUrl)),
    },
  };
}

/** Member ids of the one PATCH shape the benchmark sends: `add` to `members` (or `value.members`). */
function membersToAdd(body: unknown): string[] {
  const operations = ((body ?? {}) as { Operations?: unknown }).Operations;
  if (!Array.isArray(operations)) throw new HttpError(400, 'Operations expected', 'invalidSyntax');
  const ids: string[] = [];
  for (const op of operations as { op?: string; path?: string; value?: unknown }[]) {
    if (op.op?.toLowerCase() !== 'add') throw new HttpError(501, 'The baseline supports only add of members');
    const value =
      op.path?.toLowerCase() === 'members' ? op.value : (op.value as { members?: unknown })?.members;
    if (!Array.isArray(value)) throw new HttpError(400, 'members must be a list', 'invalidValue');
    for (const member of value as { value?: unknown }[])
      if (typeof member?.value === 'string') ids.push(member.value);
  }
  return [...new Set(ids)];
}

/**
 * PATCH add members: one SELECT classifies the ids (and finds the group and its version), one
 * INSERT IGNORE adds them (set semantics), and only when something was added the version bump and
 * the audit event follow, in one transaction. Answers 204 with the ETag, as the service does.
 */
export async function patchGroup(call: Call, groupId: string): Promise<Reply> {
  const ids = membersToAdd(call.body);
  const org = call.organizationId;
  const version = await call.db.transaction(async (tx) => {
    const found = await tx.rows<{ id: string; kind: string; version: number | null }>(
      `SELECT id, 'User' AS kind, NULL AS version FROM users WHERE organization_id = ? AND id IN (?)
       UNION ALL SELECT id, 'Group' AS kind, version FROM \`groups\` WHERE organization_id = ? AND id IN (?)`,
      [org, ids.length > 0 ? ids : [''], org, [groupId, ...ids]],
    );
    const group = found.find((row) => row.kind === 'Group' && row.id === groupId);
    if (!group) throw new HttpError(404, `Group ${groupId} not found`);
    const kinds = new Map(found.filter((row) => row !== group).map((row) => [row.id, row.kind]));
    const unknown = ids.filter((id) => !kinds.has(id));
    if (unknown.length > 0)
      throw new HttpError(400, `No user or group with id ${unknown[0]}`, 'invalidValue');
    if (ids.some((id) => kinds.get(id) === 'Group'))
      throw new HttpError(501, 'The baseline adds users only (no cycle check)');
    if (ids.length === 0) return Number(group.version);
    const now = dbNow();
    const added = await tx.run(
      'INSERT IGNORE INTO group_members (group_id, member_id, organization_id, member_type, created_at) VALUES ?',
      [ids.map((id) => [groupId, id, org, 'User', now])],
    );
    if (added.affectedRows === 0) return Number(group.version);
    const bumped = await tx.run(
      'UPDATE `groups` SET version = LAST_INSERT_ID(version + 1), updated_at = ? WHERE organization_id = ? AND id = ?',
      [now, org, groupId],
    );
    await insertAudit(tx, call, 'group.modify', 'Group', groupId, {
      fields: [],
      added: added.affectedRows,
      removed: 0,
    });
    return Number(bumped.insertId);
  });
  return { status: 204, headers: { ETag: `W/"${version}"` } };
}
