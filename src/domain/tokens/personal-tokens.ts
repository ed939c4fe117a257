import type { EmittedEvent } from '../events/change-event';
import { tokenEvent } from '../events/event-data';
import type { Repositories } from '../store';

/**
 * Deprovisioning removes access: called inside the transaction that deactivates or deletes a user,
 * it revokes that user's personal tokens (they stay revoked if the user is reactivated) and returns
 * a `token.revoked` event for each, to be recorded with the user's own event.
 */
export async function revokePersonalTokens(
  tx: Repositories,
  organizationId: string,
  userId: string,
  at: Date,
): Promise<EmittedEvent[]> {
  const revoked = await tx.tokens.revokeOfUser(organizationId, userId, at);
  return revoked.map((token) => ({
    ...tokenEvent('token.revoked', { ...token, revokedAt: at }),
    resourceId: token.id,
    resourceType: 'ApiToken' as const,
  }));
}
