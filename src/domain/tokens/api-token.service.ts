import { DomainError, badInput } from '../../errors';
import { recordAudit } from '../audit/audit-trail';
import { NO_ORGANIZATION } from '../auth/platform';
import { rejectAuth } from '../auth/auth-rejection';
import { tokenEvent } from '../events/event-data';
import type { Principal, RequestContext } from '../auth/request-context';
import { authorize } from '../auth/request-context';
import { parseScopes } from '../auth/scopes';
import type { Clock } from '../shared/clock';
import { uuidV7 } from '../shared/uuid-v7';
import { orNotFound } from '../shared/versioning';
import type { Repositories, Store } from '../store';
import { checkText } from '../users/validate-user';
import type { ApiTokenRecord, ApiTokenRow, AuthenticatingTokenRow, IssuedApiToken } from './api-token';
import { hashSecret, newSecret, sameHash, visiblePrefix } from './token-secret';

export interface NewApiToken {
  readonly name: string;
  readonly scopes: readonly string[];
  readonly expiresAt?: Date | null;
  /** Use this secret instead of a random one (first-start bootstrap from the environment). */
  readonly secret?: string;
  /** A personal token of this (active) user: revoked when the user is deactivated or deleted. */
  readonly userId?: string | null;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Whose tokens a caller manages: its own organization's (identity:admin), or — for an operator at
 * the CLI bound to no organization — the platform tokens, which belong to none.
 */
function tokenOwner(ctx: RequestContext): string {
  const { kind, organizationId } = ctx.principal;
  if (kind === 'cli' && organizationId === NO_ORGANIZATION) return NO_ORGANIZATION;
  return authorize(ctx, 'admin');
}

/** platform:admin is held by platform tokens alone, and they hold nothing else. */
function checkPlatformScope(organizationId: string, scopes: readonly string[]): void {
  const platform = organizationId === NO_ORGANIZATION;
  if (platform && (scopes.length !== 1 || scopes[0] !== 'platform:admin'))
    throw badInput('scopes', 'A platform token carries the platform:admin scope alone');
  if (!platform && scopes.includes('platform:admin'))
    throw badInput('scopes', 'platform:admin is held only by platform tokens (cli token create --platform)');
}

export class ApiTokenService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async list(ctx: RequestContext): Promise<ApiTokenRecord[]> {
    return this.store.repositories.tokens.list(tokenOwner(ctx));
  }

  async create(ctx: RequestContext, input: NewApiToken): Promise<IssuedApiToken> {
    return this.store.transaction((tx) => this.issueIn(tx, ctx, input));
  }

  /**
   * `create` inside the caller's transaction: the first-start bootstrap issues the default
   * organization's tokens in the transaction that creates it, so a crash leaves both or neither.
   */
  async issueIn(tx: Repositories, ctx: RequestContext, input: NewApiToken): Promise<IssuedApiToken> {
    const organizationId = tokenOwner(ctx);
    const name = checkText('name', input.name, 128);
    if (!name || name.trim() === '') throw badInput('name', 'name is required');
    const scopes = parseScopes(input.scopes);
    checkPlatformScope(organizationId, scopes);
    const now = this.clock();
    if (input.expiresAt && input.expiresAt.getTime() <= now.getTime())
      throw badInput('expiresAt', 'expiresAt must be in the future');
    const secret = input.secret ?? newSecret();
    const row: ApiTokenRow = {
      id: uuidV7(now.getTime()),
      organizationId,
      name,
      connectionId: null,
      prefix: visiblePrefix(secret),
      scopes,
      secretHash: hashSecret(secret),
      expiresAt: input.expiresAt ?? null,
      lastUsedAt: null,
      revokedAt: null,
      createdBy: ctx.principal.subject,
      createdAt: now,
      userId: input.userId ?? null,
    };
    if (row.userId !== null) {
      const owner = await tx.users.findById(organizationId, row.userId);
      if (!owner?.active)
        throw badInput('userId', `No active user ${row.userId}: a personal token needs one`);
    }
    await tx.tokens.insert(row);
    await recordAudit(tx.audit, ctx, this.clock, {
      action: 'token.create',
      targetType: 'ApiToken',
      targetId: row.id,
      changes: { name, scopes, expiresAt: row.expiresAt?.toISOString() ?? null },
      events: [tokenEvent('token.created', row)],
    });
    const { secretHash: _hash, ...token } = row;
    return { token, secret };
  }

  /** A new secret for the same token; the old secret stops working when this commits. */
  async rotate(ctx: RequestContext, id: string): Promise<IssuedApiToken> {
    const organizationId = tokenOwner(ctx);
    const secret = newSecret();
    return this.store.transaction(async (tx) => {
      const token = orNotFound('ApiToken', id, await tx.tokens.findById(organizationId, id));
      if (token.revokedAt) throw badInput('id', `ApiToken ${id} is revoked and cannot be rotated`);
      if (token.connectionId)
        throw badInput('id', `ApiToken ${id} belongs to a connection: use rotateConnectionToken`);
      await tx.tokens.replaceSecret(organizationId, id, hashSecret(secret), visiblePrefix(secret));
      await recordAudit(tx.audit, ctx, this.clock, {
        action: 'token.rotate',
        targetType: 'ApiToken',
        targetId: id,
        events: [tokenEvent('token.rotated', { ...token, prefix: visiblePrefix(secret) })],
      });
      return { token: { ...token, prefix: visiblePrefix(secret) }, secret };
    });
  }

  async revoke(ctx: RequestContext, id: string): Promise<ApiTokenRecord> {
    const organizationId = tokenOwner(ctx);
    return this.store.transaction(async (tx) => {
      const token = orNotFound('ApiToken', id, await tx.tokens.findById(organizationId, id));
      if (token.revokedAt) return token;
      const revokedAt = this.clock();
      await tx.tokens.revoke(organizationId, id, revokedAt);
      await recordAudit(tx.audit, ctx, this.clock, {
        action: 'token.revoke',
        targetType: 'ApiToken',
        targetId: id,
        events: [tokenEvent('token.revoked', { ...token, revokedAt })],
      });
      return { ...token, revokedAt };
    });
  }

  /**
   * The principal a secret stands for. Every failure is the same UNAUTHENTICATED error to the
   * caller (unknown, revoked and expired look alike); its `rejection` tells the operator's log why.
   */
  async authenticate(secret: string): Promise<Principal> {
    const hash = hashSecret(secret);
    const row = await this.store.repositories.tokens.findByHash(hash);
    const now = this.clock();
    const tokenPrefix = visiblePrefix(secret);
    if (!row || !sameHash(row.secretHash, hash)) throw rejectAuth('unknown-token', { tokenPrefix });
    if (row.revokedAt) throw rejectAuth('revoked-token', { tokenPrefix });
    if (row.expiresAt && row.expiresAt.getTime() <= now.getTime())
      throw rejectAuth('expired-token', { tokenPrefix });
    if (row.connectionStatus === 'PAUSED') {
      // Checked after the secret proved valid: only the connection's holder learns it is paused.
      // The principal goes with the error (never to the client) so the refusal is attributed to the
      // connection: its health counters and request log show the IdP still calling.
      throw new DomainError(
        'FORBIDDEN',
        'This connection is paused: its requests are refused and nothing is written until an admin resumes it',
        { reason: 'connectionPaused', principal: principalOf(row) },
      );
    }
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.store.repositories.tokens.touch(
        row.id,
        now,
        new Date(now.getTime() - LAST_USED_RESOLUTION_MS),
      );
    }
    return principalOf(row);
  }
}

function principalOf(row: AuthenticatingTokenRow): Principal {
  return {
    organizationId: row.organizationId,
    subject: `token:${row.id}`,
    scopes: row.scopes,
    kind: 'token',
    tokenId: row.id,
    ...(row.userId ? { userId: row.userId } : {}),
    ...(row.connectionId ? { connectionId: row.connectionId } : {}),
    ...(row.connectionKind ? { connectionKind: row.connectionKind } : {}),
    ...(row.connectionStatus === 'DRY_RUN' ? { dryRun: true } : {}),
  };
}
