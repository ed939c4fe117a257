import type { JsonObject } from '../protocol';
import { GROUP_SCHEMA } from '../protocol';
import type { GqlGroup, GqlGroupMember } from './graphql-types';
import { scimMeta } from './scim-meta';

const memberType = (type: GqlGroupMember['type']) => (type === 'USER' ? 'User' : 'Group');

/** A group as the SCIM Group resource; `members` undefined means they were not read (excluded). */
export function groupToScim(
  group: GqlGroup,
  members: readonly GqlGroupMember[] | undefined,
  baseUrl: string,
): JsonObject {
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    ...(group.externalId ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    ...(members && members.length > 0
      ? {
          members: members.map((m) => ({
            value: m.id,
            $ref: `${baseUrl}/${m.type === 'USER' ? 'Users' : 'Groups'}/${m.id}`,
            ...(m.display ? { display: m.display } : {}),
            type: memberType(m.type),
          })),
        }
      : {}),
    meta: scimMeta({ resourceType: 'Group', location: `${baseUrl}/Groups/${group.id}`, ...group }),
  };
}

/** Member ids of a canonical SCIM Group's `members` (values without an id are dropped). */
export function memberIdsOf(resource: JsonObject): string[] {
  const members = Array.isArray(resource.members) ? resource.members : [];
  return members.flatMap((m) =>
    m && typeof m === 'object' && !Array.isArray(m) && typeof m.value === 'string' && m.value !== ''
      ? [m.value]
      : [],
  );
}
