import mysql from 'mysql2/promise';
import type { Pool, PoolOptions } from 'mysql2/promise';

/** Where the bench database lives, from a `mysql://user:pass@host:port/db` (or `mariadb://`) URL. */
export interface DatabaseTarget {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

export function parseDatabaseUrl(url: string): DatabaseTarget {
  const parsed = new URL(url);
  if (!['mysql:', 'mariadb:'].includes(parsed.protocol))
    throw new Error('BENCH_DATABASE_URL must be mysql://… or mariadb://…');
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database))
    throw new Error('BENCH_DATABASE_URL must name a database ([A-Za-z0-9_]+)');
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(parsed.hostname))
    throw new Error('The benchmark only talks to a database on this machine (127.0.0.1)');
  return {
    url,
    host: parsed.hostname === 'localhost' ? '127.0.0.1' : parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
  };
}

const connectionOptions = (target: DatabaseTarget): PoolOptions => ({
  host: target.host,
  port: target.port,
  user: target.user,
  password: target.password,
  charset: 'utf8mb4_bin',
  timezone: 'Z',
  dateStrings: true,
});

/** Drops and creates the database: every run starts from an empty schema. */
export async function recreateDatabase(target: DatabaseTarget): Promise<void> {
  const connection = await mysql.createConnection(connectionOptions(target));
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${target.database}\``);
    await connection.query(
      `CREATE DATABASE \`${target.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`,
    );
  } finally {
    await connection.end();
  }
}

export async function dropDatabase(target: DatabaseTarget): Promise<void> {
  const connection = await mysql.createConnection(connectionOptions(target));
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${target.database}\``);
  } finally {
    await connection.end();
  }
}

/** A mysql2 pool on the bench database (dates as strings, as they are stored). */
export function openPool(target: DatabaseTarget, connectionLimit = 4): Pool {
  return mysql.createPool({ ...connectionOptions(target), database: target.database, connectionLimit });
}
