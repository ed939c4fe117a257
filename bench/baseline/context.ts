import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pool, PoolConnection, ResultSetHeader } from 'mysql2/promise';
import { uuidV7 } from '../../src/domain/shared/uuid-v7';

/** What every baseline handler gets: the pool, the caller's organization and the request. */
export interface Call {
  readonly db: Db;
  readonly organizationId: string;
  readonly subject: string;
  readonly baseUrl: string;
  readonly url: URL;
  readonly body: unknown;
  readonly requestId: string;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: string,
  ) {
    super(message);
  }
}

/** Counts statements, so the harness can report how many SQL statements each baseline request costs. */
export class Db {
  statements = 0;

  constructor(readonly pool: Pool) {}

  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    this.statements++;
    const [rows] = await this.pool.query(sql, params);
    return rows as T[];
  }

  /** Runs `work` in a transaction (connections are READ COMMITTED, as the service's), counting BEGIN and COMMIT. */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const connection = await this.pool.getConnection();
    try {
      this.statements++;
      await connection.beginTransaction();
      try {
        const result = await work(new Tx(this, connection));
        this.statements++;
        await connection.commit();
        return result;
      } catch (error) {
        await connection.rollback().catch(() => undefined);
        throw error;
      }
    } finally {
      connection.release();
    }
  }
}

export class Tx {
  constructor(
    private readonly db: Db,
    private readonly connection: PoolConnection,
  ) {}

  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    this.db.statements++;
    const [rows] = await this.connection.query(sql, params);
    return rows as T[];
  }

  async run(sql: string, params: unknown[] = []): Promise<ResultSetHeader> {
    this.db.statements++;
    const [result] = await this.connection.query(sql, params);
    return result as ResultSetHeader;
  }
}

interface TokenRow {
  id: string;
  organization_id: string;
  /** mysql2 parses MariaDB JSON columns; a MySQL text column would come back as a string. */
  scopes: string | string[];
  expires_at: string | null;
  revoked_at: string | null;
}

/** The token check the service does: SHA-256 of the secret, one lookup by hash, scope, expiry, revocation. */
export async function authenticate(
  db: Db,
  header: string | undefined,
  scopes: readonly string[],
): Promise<{ organizationId: string; subject: string }> {
  const space = header?.indexOf(' ') ?? -1;
  const scheme = header?.slice(0, space).toLowerCase();
  let secret = header?.slice(space + 1).trim() ?? '';
  if (scheme === 'basic') secret = Buffer.from(secret, 'base64').toString('utf8').split(':')[1] ?? '';
  else if (scheme !== 'bearer') secret = '';
  if (!secret.startsWith('idt_')) throw new HttpError(401, 'Authentication required');
  const hash = createHash('sha256').update(secret, 'utf8').digest('hex');
  const [token] = await db.rows<TokenRow>(
    'SELECT id, organization_id, scopes, expires_at, revoked_at FROM api_tokens WHERE secret_hash = ?',
    [hash],
  );
  const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
  if (!token || token.revoked_at || (token.expires_at && token.expires_at <= now))
    throw new HttpError(401, 'Authentication required');
  const granted = typeof token.scopes === 'string' ? (JSON.parse(token.scopes) as string[]) : token.scopes;
  if (!granted.some((scope) => scopes.includes(scope))) throw new HttpError(403, 'Insufficient scope');
  return { organizationId: token.organization_id, subject: `token:${token.id}` };
}

export const BODY_LIMIT = 1_048_576;

export function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) reject(new HttpError(413, 'Request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (size === 0) return resolve(undefined);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpError(400, 'Request body is not valid JSON', 'invalidSyntax'));
      }
    });
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, reply: Reply, contentType: string): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.body === undefined) {
    res.writeHead(reply.status).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export const scimError = (error: HttpError): Reply => ({
  status: error.status,
  body: {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: String(error.status),
    ...(error.scimType && { scimType: error.scimType }),
    detail: error.message,
  },
});

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC, as instants are stored. */
export const dbNow = (): string => new Date().toISOString().replace('T', ' ').replace('Z', '');

export const isoOf = (stored: string): string => `${stored.replace(' ', 'T')}Z`;

/** The audit row every write leaves, as the service writes it (channel scim, the token as actor). */
export function insertAudit(
  tx: Tx,
  call: Call,
  action: string,
  targetType: string,
  targetId: string,
  changes: object,
) {
  return tx.run(
    'INSERT INTO audit_events (id, organization_id, actor, channel, action, target_type, target_id, changes, notes, request_id, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      uuidV7(),
      call.organizationId,
      call.subject,
      'scim',
      action,
      targetType,
      targetId,
      JSON.stringify(changes),
      '[]',
      call.requestId,
      dbNow(),
    ],
  );
}
