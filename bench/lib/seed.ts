import { randomBytes } from 'node:crypto';
import type { Pool } from 'mysql2/promise';
import { caseKey } from '../../src/domain/shared/text';
import { uuidV7 } from '../../src/domain/shared/uuid-v7';
import type { Size } from './options';

/**
 * The directory a run works on, seeded with multi-row INSERTs straight into the service's tables
 * (columns exactly as in migrations/, ids and *_key columns made by the service's own functions).
 * User n (1-based) is `user.<n>@bench.test`; its id is `userIds[n - 1]`.
 */
export interface Directory {
  readonly organizationId: string;
  readonly userIds: string[];
  readonly bigGroupId: string;
  readonly smallGroupId: string;
  /** Members of the big and small group are users 1..bigGroup and 1..SMALL_GROUP. */
  readonly bigGroupSize: number;
  /** Empty groups S7 fills, one list per side: [0] warm-up, [1] the SQL count, then one per request. */
  readonly s7Groups: { readonly ours: string[]; readonly baseline: string[] };
  readonly groupCount: number;
}

export const SMALL_GROUP = 10;
const BATCH = 1_000;

export const userNameOf = (n: number): string => `user.${n}@bench.test`;

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC, as the service stores instants. */
export const dbNow = (): string => new Date().toISOString().replace('T', ' ').replace('Z', '');

type Value = string | number | null;

async function insertRows(pool: Pool, table: string, columns: string[], rows: Value[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await pool.query(`INSERT INTO \`${table}\` (${columns.join(', ')}) VALUES ?`, [rows.slice(i, i + BATCH)]);
  }
}

const USER_COLUMNS = [
  'id',
  'organization_id',
  'user_name',
  'user_name_key',
  'display_name',
  'display_name_key',
  'external_id',
  'active',
  'given_name',
  'family_name',
  'title',
  'locale',
  'emails',
  'phone_numbers',
  'ims',
  'photos',
  'entitlements',
  'roles',
  'x509_certificates',
  'addresses',
  'extensions',
  'version',
  'created_at',
  'updated_at',
];

const VALUE_COLUMNS = [
  'user_id',
  'attribute',
  'position',
  'organization_id',
  'value',
  'value_key',
  'type',
  'primary_flag',
];

function userRow(id: string, organizationId: string, n: number, now: string): Value[] {
  const userName = userNameOf(n);
  const displayName = `Bench User${n}`;
  const emails = JSON.stringify([{ value: userName, display: null, type: 'work', primary: true }]);
  return [
    id,
    organizationId,
    userName,
    caseKey(userName),
    displayName,
    caseKey(displayName),
    `00ubench${n}`,
    1,
    'Bench',
    `User${n}`,
    'Engineer',
    'en-US',
    emails,
    '[]',
    '[]',
    '[]',
    '[]',
    '[]',
    '[]',
    '[]',
    '{}',
    1,
    now,
    now,
  ];
}

/** Users from..to (1-based, inclusive) with their `user_values` email rows; returns their ids. */
async function insertUsers(pool: Pool, organizationId: string, from: number, to: number): Promise<string[]> {
  const ids: string[] = [];
  const now = dbNow();
  for (let start = from; start <= to; start += BATCH) {
    const end = Math.min(to, start + BATCH - 1);
    const users: Value[][] = [];
    const values: Value[][] = [];
    for (let n = start; n <= end; n++) {
      const id = uuidV7();
      ids.push(id);
      users.push(userRow(id, organizationId, n, now));
      const email = userNameOf(n);
      values.push([id, 'emails', 0, organizationId, email, caseKey(email), 'work', 1]);
    }
    await insertRows(pool, 'users', USER_COLUMNS, users);
    await insertRows(pool, 'user_values', VALUE_COLUMNS, values);
  }
  return ids;
}

async function insertGroups(pool: Pool, organizationId: string, names: string[]): Promise<string[]> {
  const now = dbNow();
  const ids = names.map(() => uuidV7());
  await insertRows(
    pool,
    'groups',
    [
      'id',
      'organization_id',
      'display_name',
      'display_name_key',
      'external_id',
      'version',
      'created_at',
      'updated_at',
    ],
    names.map((name, i) => [ids[i], organizationId, name, caseKey(name), `00gbench${i}`, 1, now, now]),
  );
  return ids;
}

async function insertMembers(pool: Pool, organizationId: string, pairs: [string, string][]): Promise<void> {
  const now = dbNow();
  await insertRows(
    pool,
    'group_members',
    ['group_id', 'member_id', 'organization_id', 'member_type', 'created_at'],
    pairs.map(([group, member]) => [group, member, organizationId, 'User', now]),
  );
}

/** Fresh secrets for the service's first-start bootstrap (BOOTSTRAP_SCIM_TOKEN, BOOTSTRAP_ADMIN_TOKEN). */
export const bootstrapSecrets = (): { scim: string; admin: string } => ({
  scim: `idt_bench_scim_${randomBytes(18).toString('base64url')}`,
  admin: `idt_bench_admin_${randomBytes(18).toString('base64url')}`,
});

export async function organizationIdOf(pool: Pool, slug = 'default'): Promise<string> {
  const [rows] = await pool.query('SELECT id FROM organizations WHERE slug = ?', [slug]);
  const row = (rows as { id: string }[])[0];
  if (!row) throw new Error(`No organization "${slug}": did the service bootstrap the database?`);
  return row.id;
}

/** The default organization once the service's first-start bootstrap made it (it runs after listening). */
export async function bootstrappedOrganizationId(pool: Pool, timeoutMs = 30_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await organizationIdOf(pool);
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

/** Seeds users, a big and a small group, department groups and the empty S7 groups. */
export async function seedDirectory(pool: Pool, organizationId: string, size: Size): Promise<Directory> {
  const userIds = await insertUsers(pool, organizationId, 1, size.users);
  const s7 = size.s7Requests + 2;
  const names = [
    'Bench big group',
    'Bench small group',
    ...Array.from({ length: size.departmentGroups }, (_, k) => `Department ${k + 1}`),
    ...Array.from({ length: s7 }, (_, k) => `S7 ours ${k + 1}`),
    ...Array.from({ length: s7 }, (_, k) => `S7 baseline ${k + 1}`),
  ];
  const groupIds = await insertGroups(pool, organizationId, names);
  const [bigGroupId, smallGroupId] = groupIds;
  const departments = groupIds.slice(2, 2 + size.departmentGroups);
  const pairs: [string, string][] = [];
  userIds.forEach((id, i) => {
    if (i < size.bigGroup) pairs.push([bigGroupId, id]);
    if (i < SMALL_GROUP) pairs.push([smallGroupId, id]);
    pairs.push([departments[i % departments.length], id]);
  });
  await insertMembers(pool, organizationId, pairs);
  const s7Start = 2 + size.departmentGroups;
  return {
    organizationId,
    userIds,
    bigGroupId,
    smallGroupId,
    bigGroupSize: size.bigGroup,
    s7Groups: { ours: groupIds.slice(s7Start, s7Start + s7), baseline: groupIds.slice(s7Start + s7) },
    groupCount: groupIds.length,
  };
}

/** Adds users up to `total` (the 1M step), each in a department group like the first ones. */
export async function growDirectory(pool: Pool, directory: Directory, total: number): Promise<void> {
  const [rows] = await pool.query(
    "SELECT id FROM `groups` WHERE organization_id = ? AND display_name LIKE 'Department %' ORDER BY id",
    [directory.organizationId],
  );
  const departments = (rows as { id: string }[]).map((r) => r.id);
  const chunk = 50_000;
  for (let from = directory.userIds.length + 1; from <= total; from += chunk) {
    const to = Math.min(total, from + chunk - 1);
    const ids = await insertUsers(pool, directory.organizationId, from, to);
    await insertMembers(
      pool,
      directory.organizationId,
      ids.map((id, i) => [departments[(from - 1 + i) % departments.length], id]),
    );
    directory.userIds.push(...ids);
  }
}
