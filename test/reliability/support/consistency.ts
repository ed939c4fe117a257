import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';

/**
 * What must hold in the database whatever happened to the process or the network: a write is all of
 * its rows (the user, its values, its audit event) or none of them. Each query returns the rows
 * that break one rule; an empty result everywhere means nothing was half-written.
 */
const INVARIANTS: Readonly<Record<string, string>> = {
  'a user without its user.create audit event': `
    SELECT u.id FROM users u WHERE NOT EXISTS (
      SELECT 1 FROM audit_events a WHERE a.target_id = u.id AND a.action = 'user.create')`,
  'a user whose version does not match its audited writes': `
    SELECT u.id FROM users u WHERE u.version <> (
      SELECT COUNT(*) FROM audit_events a WHERE a.target_id = u.id AND a.action IN
        ('user.create', 'user.replace', 'user.update', 'user.activate', 'user.deactivate'))`,
  'a user.create audit event for a user that neither exists nor was deleted': `
    SELECT a.target_id FROM audit_events a WHERE a.action = 'user.create'
      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = a.target_id)
      AND NOT EXISTS (SELECT 1 FROM audit_events d WHERE d.target_id = a.target_id AND d.action = 'user.delete')`,
  'a group without its group.create audit event': `
    SELECT g.id FROM \`groups\` g WHERE NOT EXISTS (
      SELECT 1 FROM audit_events a WHERE a.target_id = g.id AND a.action = 'group.create')`,
  'a group.create audit event for a group that neither exists nor was deleted': `
    SELECT a.target_id FROM audit_events a WHERE a.action = 'group.create'
      AND NOT EXISTS (SELECT 1 FROM \`groups\` g WHERE g.id = a.target_id)
      AND NOT EXISTS (SELECT 1 FROM audit_events d WHERE d.target_id = a.target_id AND d.action = 'group.delete')`,
  'a membership of a group that does not exist': `
    SELECT m.group_id FROM group_members m WHERE NOT EXISTS (SELECT 1 FROM \`groups\` g WHERE g.id = m.group_id)`,
  'a membership of a member that does not exist': `
    SELECT m.member_id FROM group_members m
      WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = m.member_id)
        AND NOT EXISTS (SELECT 1 FROM \`groups\` g WHERE g.id = m.member_id)`,
  'a user value of a user that does not exist': `
    SELECT v.user_id FROM user_values v WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = v.user_id)`,
};

/** Every broken invariant, as `rule: ids`; empty when the database is consistent. */
export async function brokenInvariants(databaseUrl: string): Promise<string[]> {
  const run = databaseUrl.startsWith('sqlite:') ? sqliteRunner(databaseUrl) : await mysqlRunner(databaseUrl);
  try {
    const broken: string[] = [];
    for (const [rule, sql] of Object.entries(INVARIANTS)) {
      const rows = await run.query(sql);
      if (rows.length > 0) broken.push(`${rule}: ${rows.map((r) => Object.values(r)[0]).join(', ')}`);
    }
    return broken;
  } finally {
    await run.close();
  }
}

/** Row counts of the tables a test wrote to, read straight from the database. */
export async function countRows(databaseUrl: string, sql: string): Promise<number> {
  const run = databaseUrl.startsWith('sqlite:') ? sqliteRunner(databaseUrl) : await mysqlRunner(databaseUrl);
  try {
    const [row] = await run.query(sql);
    return Number(Object.values(row ?? {})[0] ?? 0);
  } finally {
    await run.close();
  }
}

/**
 * Every table of the database (listed from the database itself, so a new table is scanned too) and
 * the `table.column`s where any of `needles` appears in any row, as text or inside binary values.
 */
export async function scanAllTables(
  databaseUrl: string,
  needles: readonly string[],
): Promise<{ tables: string[]; found: string[] }> {
  const sqlite = databaseUrl.startsWith('sqlite:');
  const run = sqlite ? sqliteRunner(databaseUrl) : await mysqlRunner(databaseUrl);
  try {
    const listed = await run.query(
      sqlite
        ? "SELECT name AS t FROM sqlite_master WHERE type = 'table'"
        : 'SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE()',
    );
    const tables = listed.map((row) => String(row.t ?? row.T ?? Object.values(row)[0]));
    const found = new Set<string>();
    for (const table of tables) {
      const quoted = sqlite ? `"${table}"` : `\`${table}\``;
      for (const row of await run.query(`SELECT * FROM ${quoted}`))
        for (const [column, value] of Object.entries(row)) {
          const text = Buffer.isBuffer(value) ? value.toString('latin1') : (JSON.stringify(value) ?? '');
          if (needles.some((needle) => text.includes(needle))) found.add(`${table}.${column}`);
        }
    }
    return { tables, found: [...found] };
  } finally {
    await run.close();
  }
}

interface Runner {
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

function sqliteRunner(url: string): Runner {
  const db = new Database(url.slice('sqlite:'.length), { readonly: true, fileMustExist: true });
  return {
    query: async (sql) => db.prepare(sql).all() as Record<string, unknown>[],
    close: async () => void db.close(),
  };
}

async function mysqlRunner(url: string): Promise<Runner> {
  const parsed = new URL(url);
  const connection = await createConnection({
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
  });
  return {
    query: async (sql) => (await connection.query(sql))[0] as Record<string, unknown>[],
    close: () => connection.end(),
  };
}
