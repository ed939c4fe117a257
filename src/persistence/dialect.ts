/** The SQL differences between the two supported databases, in one place. */
export type DialectName = 'sqlite' | 'mysql';

/**
 * A Buffer is bound as bytes: a BLOB on SQLite; on MySQL a hex literal (`X'…'`) in a query, raw
 * bytes in a prepared statement (see `longText`).
 */
export type SqlParam = string | number | Buffer | null;

export interface Dialect {
  readonly name: DialectName;
  /** A quoted identifier (`groups` is reserved in MySQL 8). Only ever called with our own names. */
  quote(identifier: string): string;
  /** `INSERT OR IGNORE` / `INSERT IGNORE`: set semantics on the primary key, no read first. */
  readonly insertIgnore: string;
  /** The largest number of `?` parameters one statement should carry. */
  readonly maxParams: number;
  /**
   * Appended to a SELECT that must hold its row until the transaction ends. SQLite needs none: its
   * write transactions start with BEGIN IMMEDIATE, so no other writer runs meanwhile.
   */
  readonly forUpdate: string;
  /**
   * A long text parameter (a request log body: text, or UTF-8 bytes kept as they were sent) for a
   * prepared statement (`Sql.runPrepared`). MySQL's binary protocol sends either as it is, and the
   * server stores bytes into the text column unchanged; SQLite would store bytes as a BLOB, so they
   * become text there.
   */
  longText(text: string | Buffer): SqlParam;
  /**
   * The join of a recursive walk's step: the rows found so far first, each looking up its next rows
   * by index. Both planners would otherwise go the other way when their statistics say so — read
   * every membership of the organization at each step and look each one up among the rows found:
   * SQLite without statistics (the service never runs ANALYZE while it serves; 10 ms against
   * 0.04 ms for a user's groups with 200,000 memberships), MariaDB with them (a 100-user page of an
   * import walk read 110,000 memberships twice: 293 ms against 0.9 ms, measured on a benchmark
   * database seeded seconds before). CROSS JOIN keeps the written order on SQLite, STRAIGHT_JOIN on
   * MySQL, where CROSS JOIN is a plain inner join.
   */
  readonly walkJoin: string;
  /** A table's index hint that makes the planner read through `index` (MySQL); none on SQLite. */
  forceIndex(index: string): string;
}

const SQLITE: Dialect = {
  name: 'sqlite',
  quote: (identifier) => `"${identifier}"`,
  insertIgnore: 'INSERT OR IGNORE INTO',
  maxParams: 30_000,
  forUpdate: '',
  longText: (text) => (typeof text === 'string' ? text : text.toString('utf8')),
  walkJoin: 'CROSS JOIN',
  forceIndex: () => '',
};

const MYSQL: Dialect = {
  name: 'mysql',
  quote: (identifier) => `\`${identifier}\``,
  insertIgnore: 'INSERT IGNORE INTO',
  maxParams: 30_000,
  forUpdate: ' FOR UPDATE',
  longText: (text) => text,
  walkJoin: 'STRAIGHT_JOIN',
  forceIndex: (index) => ` FORCE INDEX (${index})`,
};

export const dialectFor = (type: string): Dialect =>
  type === 'better-sqlite3' || type === 'sqlite' ? SQLITE : MYSQL;

export const dialects: Readonly<Record<DialectName, Dialect>> = { sqlite: SQLITE, mysql: MYSQL };

/** Instants are stored as UTC `YYYY-MM-DD HH:MM:SS.mmm` (DATETIME(3) on MySQL, text on SQLite: sortable either way). */
export function toDbDate(date: Date): string {
  const iso = date.toISOString();
  // `YYYY-MM-DDTHH:MM:SS.mmmZ` for years 0–9999 (every instant written): two slices, not two scans.
  return iso.length === 24
    ? `${iso.slice(0, 10)} ${iso.slice(11, 23)}`
    : iso.replace('T', ' ').replace('Z', '');
}

export function fromDbDate(value: unknown): Date {
  if (value instanceof Date) return value;
  return new Date(`${String(value).replace(' ', 'T')}Z`);
}

export const toDbDateOrNull = (date: Date | null): string | null => (date ? toDbDate(date) : null);

export const fromDbDateOrNull = (value: unknown): Date | null =>
  value === null || value === undefined ? null : fromDbDate(value);

export const toDbBoolean = (value: boolean): number => (value ? 1 : 0);

/** 0/1 from both drivers (and `'1'` if a driver ever stringifies). */
export const fromDbBoolean = (value: unknown): boolean => value === 1 || value === true || value === '1';

/** Short lists, built once: a row of a write statement asks for the same count every time. */
const SHORT_PLACEHOLDERS = Array.from({ length: 65 }, (_, count) =>
  Array.from({ length: count }, () => '?').join(', '),
);

/** `?, ?, ?` for a list of parameters. */
export const placeholders = (count: number): string =>
  SHORT_PLACEHOLDERS[count] ?? Array.from({ length: count }, () => '?').join(', ');

/** MySQL's JSON type comes back parsed, MariaDB's (LONGTEXT) and SQLite's as text. */
export function fromDbJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') return JSON.parse(value) as T;
  if (Buffer.isBuffer(value)) return JSON.parse(value.toString('utf8')) as T;
  return value as T;
}

/** COUNT(*) is a BIGINT, which mysql2 returns as a string. */
export const fromDbCount = (value: unknown): number => Number(value ?? 0);

/** Identifiers from outside (a JWT subject, a client's request id) cut to what their column holds. */
export const truncate = (value: string, max: number): string =>
  // No more UTF-16 units than `max` means no more code points either: nothing to cut (the usual case).
  value.length <= max ? value : Array.from(value).slice(0, max).join('');

/** Splits a list so each statement stays under the parameter limit. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
