/** Baseline writes to users: POST /Users and PATCH of `active`, each in one transaction with its audit row. */
import { randomBytes, scrypt } from 'node:crypto';
import { caseKey } from '../../src/domain/shared/text';
import { uuidV7 } from '../../src/domain/shared/uuid-v7';
import type { Call, Reply } from './context';
import { HttpError, dbNow, insertAudit } from './context';
import type { UserRow } from './user-json';
import { userResource } from './user-json';
import { getUser } from './users';

const SIMPLE: [string, string][] = [
  ['externalId', 'external_id'],
  ['displayName', 'display_name'],
  ['nickName', 'nick_name'],
  ['profileUrl', 'profile_url'],
  ['title', 'title'],
  ['userType', 'user_type'],
  ['preferredLanguage', 'preferred_language'],
  ['locale', 'locale'],
  ['timezone', 'timezone'],
];
const NAME: [string, string][] = [
  ['formatted', 'name_formatted'],
  ['familyName', 'family_name'],
  ['givenName', 'given_name'],
  ['middleName', 'middle_name'],
  ['honorificPrefix', 'honorific_prefix'],
  ['honorificSuffix', 'honorific_suffix'],
];
const JSON_LISTS = [
  'phone_numbers',
  'ims',
  'photos',
  'entitlements',
  'roles',
  'x509_certificates',
  'addresses',
];

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** scrypt N=2^15, r=8, p=1 on libuv's pool, stored as `scrypt$N$r$p$salt$hash`: the service's format. */
function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      32,
      { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 },
      (error, key) =>
        error
          ? reject(error)
          : resolve(['scrypt', 32768, 8, 1, salt.toString('base64'), key.toString('base64')].join('$')),
    ),
  );
}

interface Email {
  value: string;
  display: string | null;
  type: string | null;
  primary: boolean;
}

function emailsOf(body: Record<string, unknown>): Email[] {
  const list = Array.isArray(body.emails) ? (body.emails as Record<string, unknown>[]) : [];
  return list
    .filter((e) => text(e?.value))
    .map((e) => ({
      value: e.value as string,
      display: text(e.display),
      type: text(e.type),
      primary: e.primary === true,
    }));
}

/** POST /Users: the user row, its email rows and the audit event in one transaction. */
export async function createUser(call: Call): Promise<Reply> {
  const body = (call.body ?? {}) as Record<string, unknown>;
  const userName = text(body.userName);
  if (!userName) throw new HttpError(400, 'userName is required', 'invalidValue');
  const name = (body.name ?? {}) as Record<string, unknown>;
  const emails = emailsOf(body);
  const passwordHash = typeof body.password === 'string' ? await hashPassword(body.password) : null;
  const id = uuidV7();
  const now = dbNow();
  const displayName = text(body.displayName);
  const columns: [string, unknown][] = [
    ['id', id],
    ['organization_id', call.organizationId],
    ['user_name', userName],
    ['user_name_key', caseKey(userName)],
    ['display_name_key', displayName === null ? null : caseKey(displayName).slice(0, 255)],
    ['active', body.active === false ? 0 : 1],
    ...SIMPLE.map(([key, column]): [string, unknown] => [column, text(body[key])]),
    ...NAME.map(([key, column]): [string, unknown] => [column, text(name[key])]),
    ['emails', JSON.stringify(emails)],
    ...JSON_LISTS.map((column): [string, unknown] => [column, '[]']),
    ['extensions', '{}'],
    ['password_hash', passwordHash],
    ['version', 1],
    ['created_at', now],
    ['updated_at', now],
  ];
  const row: UserRow = Object.fromEntries(columns);
  try {
    await call.db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO users (${columns.map(([c]) => c).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        columns.map(([, v]) => v),
      );
      if (emails.length > 0)
        await tx.run(
          'INSERT INTO user_values (user_id, attribute, position, organization_id, value, value_key, type, primary_flag, display) VALUES ?',
          [
            emails.map((e, i) => [
              id,
              'emails',
              i,
              call.organizationId,
              e.value,
              caseKey(e.value).slice(0, 255),
              e.type,
              e.primary ? 1 : 0,
              e.display,
            ]),
          ],
        );
      await insertAudit(tx, call, 'user.create', 'User', id, {
        fields: Object.keys(body).filter((k) => k !== 'schemas' && k !== 'password'),
      });
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ER_DUP_ENTRY')
      throw new HttpError(409, `userName ${userName} is taken`, 'uniqueness');
    throw error;
  }
  const location = `${call.baseUrl}/Users/${id}`;
  return {
    status: 201,
    body: userResource(row, call.baseUrl),
    headers: { ETag: 'W/"1"', Location: location },
  };
}

/** The one PATCH the benchmark sends to users: `replace` of `active` (Okta's deactivate/reactivate). */
function activeOf(body: unknown): boolean {
  const operations = ((body ?? {}) as { Operations?: unknown }).Operations;
  if (!Array.isArray(operations) || operations.length !== 1)
    throw new HttpError(400, 'One operation expected', 'invalidSyntax');
  const op = operations[0] as { op?: string; path?: string; value?: unknown };
  const value = op.path?.toLowerCase() === 'active' ? op.value : (op.value as { active?: unknown })?.active;
  if (op.op?.toLowerCase() !== 'replace' || typeof value !== 'boolean')
    throw new HttpError(400, 'The baseline supports only replace of active', 'invalidValue');
  return value;
}

/** PATCH active: a conditional UPDATE (no write when unchanged) and its audit event, then the resource. */
export async function patchUser(call: Call, id: string): Promise<Reply> {
  const active = activeOf(call.body);
  await call.db.transaction(async (tx) => {
    const result = await tx.run(
      'UPDATE users SET active = ?, version = version + 1, updated_at = ? WHERE organization_id = ? AND id = ? AND active <> ?',
      [active ? 1 : 0, dbNow(), call.organizationId, id, active ? 1 : 0],
    );
    if (result.affectedRows === 1)
      await insertAudit(tx, call, active ? 'user.activate' : 'user.deactivate', 'User', id, {
        fields: ['active'],
      });
  });
  return getUser(call, id);
}
