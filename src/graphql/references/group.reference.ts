import type { GroupRecord } from '../../domain/groups/group';
import type { GraphqlContext } from '../context';

/** `_entities` for Group, batched like users: N representations, one `findMany`. */
export function resolveGroupReference(
  reference: { id: unknown },
  context: GraphqlContext,
): Promise<GroupRecord | null> {
  return context.loaders.groupsById.load(String(reference.id));
}
