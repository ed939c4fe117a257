import { USER_SUMMARY_FIELDS } from '../../../src/domain/users/user';
import { textAttributesOf } from '../../../src/domain/users/user-catalog';
import type { UserSqlRow } from '../../../src/persistence/mappers/user.mapper';
import {
  USER_COLUMNS,
  USER_SUMMARY_COLUMNS,
  toUserRecord,
  toUserSummary,
} from '../../../src/persistence/mappers/user.mapper';

/** `u.a, u.b, CASE … AS c` → the names a row has. */
const namesOf = (columns: string) =>
  columns.split(', ').map((column) => / AS (\w+)$/.exec(column)?.[1] ?? column.replace(/^u\./, ''));

/** A row as USER_COLUMNS selects it, every column holding a value (JSON columns as MariaDB sends them). */
function fullRow(): UserSqlRow {
  const row: Record<string, unknown> = {};
  for (const column of namesOf(USER_COLUMNS)) row[column] = `${column}-value`;
  const multi = (value: string) => JSON.stringify([{ value, display: null, type: 'work', primary: true }]);
  Object.assign(row, {
    id: '0190a8a0-0000-7000-8000-000000000001',
    active: 1,
    has_password: 1,
    version: 3,
    created_at: '2026-12-07 10:00:00.000',
    updated_at: '2026-12-07 11:00:00.000',
    emails: multi('ann@example.com'),
    phone_numbers: multi('+1 555'),
    ims: multi('ann'),
    photos: multi('https://example.com/ann.png'),
    entitlements: multi('e'),
    roles: multi('r'),
    x509_certificates: multi('cert'),
    addresses: JSON.stringify([{ formatted: 'Street 1', primary: true }]),
    extensions: JSON.stringify({ 'urn:x': { a: 1 } }),
  });
  return row as UserSqlRow;
}

/** The row, refusing to be asked for a column the summary does not select. */
function summaryRowOf(row: UserSqlRow): UserSqlRow {
  const selected = new Set(namesOf(USER_SUMMARY_COLUMNS));
  return new Proxy(row, {
    get(target, column) {
      if (typeof column === 'string' && !selected.has(column))
        throw new Error(`toUserSummary read ${column}, which USER_SUMMARY_COLUMNS does not select`);
      return target[column as string];
    },
  });
}

describe('user mapper', () => {
  it('selects for a summary a subset of the full columns', () => {
    expect(namesOf(USER_COLUMNS)).toEqual(expect.arrayContaining(namesOf(USER_SUMMARY_COLUMNS)));
    expect(namesOf(USER_SUMMARY_COLUMNS).length).toBeLessThan(namesOf(USER_COLUMNS).length);
  });

  it('builds a summary from the summary columns alone, equal to the full record on every summary field', () => {
    const row = fullRow();
    const summary = toUserSummary(summaryRowOf(row));
    const full = toUserRecord(row);
    expect(Object.keys(summary).sort()).toEqual([...USER_SUMMARY_FIELDS].sort());
    for (const field of USER_SUMMARY_FIELDS) expect(summary[field]).toEqual(full[field]);
    expect(summary.name).not.toBeNull();
  });

  it('leaves the name null when none of its parts is set, in the summary as in the full record', () => {
    const row: Record<string, unknown> = { ...fullRow() };
    for (const part of textAttributesOf('name')) row[part.column as string] = null;
    expect(toUserSummary(summaryRowOf(row as UserSqlRow)).name).toBeNull();
    expect(toUserRecord(row as UserSqlRow).name).toBeNull();
  });
});
