import { badInput } from '../../errors';
import type { RequestContext } from '../auth/request-context';
import { authorize, authorizeConnection } from '../auth/request-context';
import type { Clock } from '../shared/clock';
import type { Store } from '../store';
import { connectionTokenRow } from '../tokens/issue-token';
import type { ConnectionView, IssuedConnection } from './connection';
import type { ConnectionService } from './connection.service';

/** Rotation may keep the old secret working for at most a week. */
export const MAX_OVERLAP_MINUTES = 7 * 24 * 60;

function checkOverlap(minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_OVERLAP_MINUTES)
    throw badInput('overlapMinutes', `overlapMinutes must be 0 to ${MAX_OVERLAP_MINUTES} (7 days)`);
  return minutes;
}

/** A connection's credentials: "Reset API token" (with an optional overlap) and revocation. */
export class ConnectionTokenService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly connections: ConnectionService,
  ) {}

  /**
   * A new secret. Each older secret still valid keeps working for `overlapMinutes` (its expiry moves
   * earlier, never later), then stops; 0 revokes them at once. Refused when the connection has no
   * valid token left (revoked): rotation replaces a credential, it does not revive one. A setup
   * link's visitor may rotate its own connection's token ("issue the first token or reset it").
   */
  async rotate(ctx: RequestContext, id: string, overlapMinutes: number): Promise<IssuedConnection> {
    const organizationId = authorizeConnection(ctx, id, 'admin');
    const overlap = checkOverlap(overlapMinutes);
    return this.store.transaction(async (tx) => {
      const connection = await this.connections.getIn(tx, organizationId, id);
      const tokens = await tx.tokens.listOfConnections(organizationId, id);
      const current = this.connections.view(connection, tokens).token;
      if (!current) throw badInput('id', `Connection ${id} has no valid token to rotate (it was revoked)`);
      const now = this.clock();
      const until = new Date(now.getTime() + overlap * 60_000);
      const old = tokens.filter((t) => !t.revokedAt && (!t.expiresAt || t.expiresAt > now));
      for (const token of old) {
        if (overlap === 0) await tx.tokens.revoke(organizationId, token.id, now);
        else await tx.tokens.expireBy(organizationId, token.id, until);
      }
      const { row, secret } = connectionTokenRow(ctx, connection, now);
      await tx.tokens.insert(row);
      await this.connections.audit(tx, ctx, id, 'connection.rotate', {
        tokenId: row.id,
        replaced: old.map((t) => t.id),
        overlapMinutes: overlap,
        oldTokensStopAt: until.toISOString(),
      });
      const { secretHash: _hash, ...token } = row;
      return { connection: { ...this.connections.view(connection, []), token }, secret };
    });
  }

  /** Revokes every token of the connection (idempotent); requests with them are refused at once. */
  async revoke(ctx: RequestContext, id: string): Promise<ConnectionView> {
    const organizationId = authorize(ctx, 'admin');
    return this.store.transaction(async (tx) => {
      const connection = await this.connections.getIn(tx, organizationId, id);
      const tokens = await tx.tokens.listOfConnections(organizationId, id);
      const live = tokens.filter((t) => !t.revokedAt);
      const now = this.clock();
      for (const token of live) await tx.tokens.revoke(organizationId, token.id, now);
      if (live.length > 0)
        await this.connections.audit(tx, ctx, id, 'connection.revokeToken', {
          tokenIds: live.map((t) => t.id),
        });
      return this.connections.view(connection, []);
    });
  }
}
