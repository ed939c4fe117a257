import type { RequestContext } from '../auth/request-context';
import { uuidV7 } from '../shared/uuid-v7';
import type { ApiTokenRow } from './api-token';
import { hashSecret, newSecret, visiblePrefix } from './token-secret';

/** A new SCIM token row for a connection, and its secret (to be returned once, never stored). */
export function connectionTokenRow(
  ctx: RequestContext,
  connection: { id: string; organizationId: string; name: string; tokenLifetimeDays: number | null },
  now: Date,
  secret: string = newSecret(),
): { row: ApiTokenRow; secret: string } {
  const days = connection.tokenLifetimeDays;
  const row: ApiTokenRow = {
    id: uuidV7(now.getTime()),
    organizationId: connection.organizationId,
    name: connection.name.slice(0, 128),
    connectionId: connection.id,
    userId: null,
    prefix: visiblePrefix(secret),
    scopes: ['scim'],
    secretHash: hashSecret(secret),
    expiresAt: days === null ? null : new Date(now.getTime() + days * 86_400_000),
    lastUsedAt: null,
    revokedAt: null,
    createdBy: ctx.principal.subject,
    createdAt: now,
  };
  return { row, secret };
}
