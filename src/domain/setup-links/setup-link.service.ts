import { badInput } from '../../errors';
import { recordAudit } from '../audit/audit-trail';
import { rejectAuth, rejectSetupLink } from '../auth/auth-rejection';
import type { Principal, RequestContext } from '../auth/request-context';
import { authorize } from '../auth/request-context';
import type { ConnectionService } from '../connections/connection.service';
import type { Clock } from '../shared/clock';
import { isUuid, uuidV7 } from '../shared/uuid-v7';
import { orNotFound } from '../shared/versioning';
import type { Store } from '../store';
import { hashSecret, newSetupLinkSecret, sameHash, visiblePrefix } from '../tokens/token-secret';
import type { IssuedSetupLink, SetupLinkRecord, SetupLinkRow } from './setup-link';
import { SETUP_LINK_PATH } from './setup-link';

export const DEFAULT_SETUP_LINK_HOURS = 72;
/** At most 30 days: a link is for one set-up session, not a standing credential. */
export const MAX_SETUP_LINK_HOURS = 720;

function checkHours(hours: number): number {
  if (!Number.isInteger(hours) || hours < 1 || hours > MAX_SETUP_LINK_HOURS)
    throw badInput('expiresInHours', `expiresInHours must be 1 to ${MAX_SETUP_LINK_HOURS} (30 days)`, {
      reason: 'invalidValue',
    });
  return hours;
}

/**
 * Setup links (issue 13 §6): an admin (identity:admin) issues one for a connection and sends its
 * URL to the IT admin who configures the identity provider. The visitor it authenticates may read
 * that connection, its request log and reset its token — nothing else (`authorizeConnection`).
 * Each authenticated use is counted on the link; what the visitor changes is audited as
 * `setup-link:<id>`.
 */
export class SetupLinkService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly connections: ConnectionService,
    /** PUBLIC_URL: the link's URL starts with it. */
    private readonly publicUrl: string,
  ) {}

  async create(
    ctx: RequestContext,
    connectionId: string,
    expiresInHours: number = DEFAULT_SETUP_LINK_HOURS,
  ): Promise<IssuedSetupLink> {
    const organizationId = authorize(ctx, 'admin');
    const hours = checkHours(expiresInHours);
    return this.store.transaction(async (tx) => {
      await this.connections.getIn(tx, organizationId, connectionId);
      const now = this.clock();
      const secret = newSetupLinkSecret();
      const row: SetupLinkRow = {
        id: uuidV7(now.getTime()),
        organizationId,
        connectionId,
        createdAt: now,
        createdBy: ctx.principal.subject,
        expiresAt: new Date(now.getTime() + hours * 3_600_000),
        revokedAt: null,
        lastUsedAt: null,
        useCount: 0,
        secretHash: hashSecret(secret),
      };
      await tx.setupLinks.insert(row);
      await recordAudit(tx.audit, ctx, this.clock, {
        action: 'setupLink.create',
        targetType: 'SetupLink',
        targetId: row.id,
        changes: { connectionId, expiresAt: row.expiresAt.toISOString() },
      });
      const { secretHash: _hash, ...setupLink } = row;
      return { setupLink, url: `${this.publicUrl}${SETUP_LINK_PATH}${secret}` };
    });
  }

  /** Stops the link at once (idempotent: a revoked link is returned as it is). */
  async revoke(ctx: RequestContext, id: string): Promise<SetupLinkRecord> {
    const organizationId = authorize(ctx, 'admin');
    return this.store.transaction(async (tx) => {
      const found = isUuid(id) ? await tx.setupLinks.findById(organizationId, id) : null;
      const link = orNotFound('SetupLink', id, found);
      if (link.revokedAt) return link;
      const revokedAt = this.clock();
      await tx.setupLinks.revoke(organizationId, id, revokedAt);
      await recordAudit(tx.audit, ctx, this.clock, {
        action: 'setupLink.revoke',
        targetType: 'SetupLink',
        targetId: id,
        changes: { connectionId: link.connectionId },
      });
      return { ...link, revokedAt };
    });
  }

  /** A connection's links, newest first (identity:read); NOT_FOUND for another organization's connection. */
  async list(ctx: RequestContext, connectionId: string): Promise<SetupLinkRecord[]> {
    const organizationId = authorize(ctx, 'read');
    const repositories = this.store.repositories;
    await this.connections.getIn(repositories, organizationId, connectionId);
    return repositories.setupLinks.listOfConnection(organizationId, connectionId);
  }

  /** The caller's own link, for a setup link's visitor; null for every other caller. */
  async current(ctx: RequestContext): Promise<SetupLinkRecord | null> {
    const link = ctx.principal.setupLink;
    if (!link) return null;
    return this.store.repositories.setupLinks.findById(ctx.principal.organizationId, link.id);
  }

  /**
   * The visitor a setup link's secret stands for. An unknown secret is refused like any unknown
   * credential; a real link that expired or was revoked says so (only its holder can learn that).
   * Every accepted use bumps the link's use count and last use.
   */
  async authenticate(secret: string): Promise<Principal> {
    const hash = hashSecret(secret);
    const row = await this.store.repositories.setupLinks.findByHash(hash);
    if (!row || !sameHash(row.secretHash, hash))
      throw rejectAuth('unknown-token', { tokenPrefix: visiblePrefix(secret) });
    const now = this.clock();
    if (row.revokedAt) throw rejectSetupLink('revoked');
    if (row.expiresAt.getTime() <= now.getTime()) throw rejectSetupLink('expired');
    await this.store.repositories.setupLinks.recordUse(row.id, now);
    return {
      organizationId: row.organizationId,
      subject: `setup-link:${row.id}`,
      scopes: [],
      kind: 'setup-link',
      setupLink: { id: row.id, connectionId: row.connectionId },
    };
  }
}
