import type { AuditAction } from '../audit/audit-event';
import { badInput } from '../../errors';
import { recordAudit } from '../audit/audit-trail';
import type { RequestContext } from '../auth/request-context';
import type { EmittedEvent } from '../events/change-event';
import { connectionEvent } from '../events/event-data';
import { authorize, authorizeConnection } from '../auth/request-context';
import type { Clock } from '../shared/clock';
import { isUuid, uuidV7 } from '../shared/uuid-v7';
import { orNotFound } from '../shared/versioning';
import type { Repositories, Store } from '../store';
import type { ApiTokenRecord } from '../tokens/api-token';
import { connectionTokenRow } from '../tokens/issue-token';
import { checkText } from '../users/validate-user';
import type {
  ConnectionKind,
  ConnectionRecord,
  ConnectionStatus,
  ConnectionView,
  IssuedConnection,
} from './connection';
import { CONNECTION_KINDS, CONNECTION_STATUSES, scimPathOf } from './connection';

export interface NewConnection {
  readonly name: string;
  readonly kind: string;
  /** null or undefined: the token never expires. */
  readonly tokenExpiresInDays?: number | null;
  /** Use this secret instead of a random one (first-start bootstrap from the environment). */
  readonly secret?: string;
}

const MAX_LIFETIME_DAYS = 3650;

export function checkConnectionName(name: unknown): string {
  const checked = checkText('name', name, 128);
  if (!checked || checked.trim() === '') throw badInput('name', 'name is required');
  return checked;
}

function checkKind(kind: string): ConnectionKind {
  if ((CONNECTION_KINDS as readonly string[]).includes(kind)) return kind as ConnectionKind;
  throw badInput('kind', `Unknown kind ${kind}; expected ${CONNECTION_KINDS.join(', ')}`);
}

export function checkStatus(status: string): ConnectionStatus {
  if ((CONNECTION_STATUSES as readonly string[]).includes(status)) return status as ConnectionStatus;
  throw badInput('status', `Unknown status ${status}; expected ${CONNECTION_STATUSES.join(', ')}`);
}

function checkLifetime(days: number | null | undefined): number | null {
  if (days === null || days === undefined) return null;
  if (!Number.isInteger(days) || days < 1 || days > MAX_LIFETIME_DAYS)
    throw badInput(
      'tokenExpiresInDays',
      `tokenExpiresInDays must be 1 to ${MAX_LIFETIME_DAYS}, or null for never`,
    );
  return days;
}

/**
 * Connections: one per identity-provider app of an organization (needs identity:admin). Every
 * change is an audit event written in the change's transaction; a secret appears only in the
 * IssuedConnection that creates it.
 */
export class ConnectionService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** PUBLIC_URL: the Base URL an admin pastes into the IdP starts with it. */
    private readonly publicUrl: string,
  ) {}

  async create(ctx: RequestContext, input: NewConnection): Promise<IssuedConnection> {
    return this.store.transaction((tx) => this.createIn(tx, ctx, input));
  }

  /**
   * `create` inside the caller's transaction: the first-start bootstrap creates the default
   * connection in the transaction that creates its organization, so a crash leaves both or neither.
   */
  async createIn(tx: Repositories, ctx: RequestContext, input: NewConnection): Promise<IssuedConnection> {
    const organizationId = authorize(ctx, 'admin');
    const now = this.clock();
    const connection: ConnectionRecord = {
      id: uuidV7(now.getTime()),
      organizationId,
      name: checkConnectionName(input.name),
      kind: checkKind(input.kind),
      status: 'ACTIVE',
      tokenLifetimeDays: checkLifetime(input.tokenExpiresInDays),
      createdBy: ctx.principal.subject,
      createdAt: now,
    };
    const { row, secret } = connectionTokenRow(ctx, connection, now, input.secret);
    await tx.connections.insert(connection);
    await tx.tokens.insert(row);
    await this.audit(
      tx,
      ctx,
      connection.id,
      'connection.create',
      {
        name: connection.name,
        kind: connection.kind,
        tokenId: row.id,
        tokenExpiresAt: row.expiresAt?.toISOString() ?? null,
      },
      connectionEvent('connection.created', connection),
    );
    const { secretHash: _hash, ...token } = row;
    return { connection: this.view(connection, [token]), secret };
  }

  async list(ctx: RequestContext): Promise<ConnectionView[]> {
    const organizationId = authorize(ctx, 'admin');
    const [connections, tokens] = await Promise.all([
      this.store.repositories.connections.list(organizationId),
      this.store.repositories.tokens.listOfConnections(organizationId),
    ]);
    return connections.map((c) =>
      this.view(
        c,
        tokens.filter((t) => t.connectionId === c.id),
      ),
    );
  }

  /**
   * null for an unknown id and for another organization's connection alike. A setup link's
   * visitor may read its own connection (and no other: FORBIDDEN).
   */
  async find(ctx: RequestContext, id: string): Promise<ConnectionView | null> {
    const organizationId = authorizeConnection(ctx, id, 'admin');
    if (!isUuid(id)) return null;
    const repositories = this.store.repositories;
    const connection = await repositories.connections.findById(organizationId, id);
    if (!connection) return null;
    return this.view(connection, await repositories.tokens.listOfConnections(organizationId, id));
  }

  async setStatus(ctx: RequestContext, id: string, status: string): Promise<ConnectionView> {
    const checked = checkStatus(status);
    return this.change(ctx, id, async (tx, current) => {
      if (current.status === checked) return null;
      await tx.connections.setStatus(current.organizationId, id, checked);
      return {
        action: 'connection.status',
        changes: { status: { from: current.status, to: checked } },
        after: { ...current, status: checked },
      };
    });
  }

  async rename(ctx: RequestContext, id: string, name: string): Promise<ConnectionView> {
    const checked = checkConnectionName(name);
    return this.change(ctx, id, async (tx, current) => {
      await tx.connections.rename(current.organizationId, id, checked);
      return {
        action: 'connection.rename',
        changes: { name: { from: current.name, to: checked } },
        after: { ...current, name: checked },
      };
    });
  }

  /** Revokes its tokens and setup links and removes it; the users and groups it provisioned stay. */
  async delete(ctx: RequestContext, id: string): Promise<ConnectionView> {
    const organizationId = authorize(ctx, 'admin');
    return this.store.transaction(async (tx) => {
      const current = await this.getIn(tx, organizationId, id);
      const tokens = await tx.tokens.listOfConnections(organizationId, id);
      const at = this.clock();
      for (const token of tokens.filter((t) => !t.revokedAt))
        await tx.tokens.revoke(organizationId, token.id, at);
      await tx.setupLinks.revokeOfConnection(organizationId, id, at);
      await tx.connections.delete(organizationId, id);
      await tx.connectionHealth.deleteOf(organizationId, id);
      await this.audit(
        tx,
        ctx,
        id,
        'connection.delete',
        { name: current.name, kind: current.kind },
        connectionEvent('connection.deleted', current),
      );
      return this.view(
        current,
        tokens.map((t) => (t.revokedAt ? t : { ...t, revokedAt: at })),
      );
    });
  }

  /** One audited change to a stored connection; `apply` returns null when nothing changed. */
  private async change(
    ctx: RequestContext,
    id: string,
    apply: (
      tx: Repositories,
      current: ConnectionRecord,
    ) => Promise<{ action: AuditAction; changes: Record<string, unknown>; after: ConnectionRecord } | null>,
  ): Promise<ConnectionView> {
    const organizationId = authorize(ctx, 'admin');
    await this.store.transaction(async (tx) => {
      const done = await apply(tx, await this.getIn(tx, organizationId, id));
      if (done)
        await this.audit(
          tx,
          ctx,
          id,
          done.action,
          done.changes,
          connectionEvent('connection.updated', done.after),
        );
    });
    return orNotFound('Connection', id, await this.find(ctx, id));
  }

  async getIn(tx: Repositories, organizationId: string, id: string): Promise<ConnectionRecord> {
    const found = isUuid(id) ? await tx.connections.findById(organizationId, id) : null;
    return orNotFound('Connection', id, found);
  }

  view(connection: ConnectionRecord, tokens: readonly ApiTokenRecord[]): ConnectionView {
    const now = this.clock().getTime();
    const valid = tokens.filter((t) => !t.revokedAt && (!t.expiresAt || t.expiresAt.getTime() > now));
    return {
      ...connection,
      baseUrl: `${this.publicUrl}${scimPathOf(connection.kind)}`,
      token: valid.length > 0 ? valid[valid.length - 1] : null,
    };
  }

  audit(
    tx: Repositories,
    ctx: RequestContext,
    id: string,
    action: AuditAction,
    changes: Record<string, unknown>,
    /** Its change event when the connection itself changed (token rotations and revocations are audit-only). */
    event?: EmittedEvent,
  ): Promise<void> {
    return recordAudit(tx.audit, ctx, this.clock, {
      action,
      targetType: 'Connection',
      targetId: id,
      changes,
      ...(event ? { events: [event] } : {}),
    });
  }
}
