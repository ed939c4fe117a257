import type { UserRecord } from '../../domain/users/user';
import type { GraphqlContext } from '../context';

/**
 * `_entities` for User: every representation in one request goes through the same loader, so N
 * representations cost one `findMany`. The domain scopes it to the caller's organization, so a
 * user of another organization resolves to null.
 */
export function resolveUserReference(
  reference: { id: unknown },
  context: GraphqlContext,
): Promise<UserRecord | null> {
  return context.loaders.usersById.load(String(reference.id));
}
