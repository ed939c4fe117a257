import type { JsonObject } from '../protocol';
import { GROUP_SCHEMA } from '../protocol';
import type { ScimGroupFragment, ScimGroupMembersQuery } from '../operations/generated';
import { scimMeta } from './scim-meta';

type GqlGroupMember = ScimGroupMembersQuery['groupMembers']['nodes'][number];

const memberType = (type: GqlGroupMember['type']) => (type === 'USER' ? 'User' : 'Group');

/**
 * A group as the SCIM Group resource; `members` undefined means they were not read (excluded). Built
 * by assignment rather than spreads: a list maps up to a thousand of these per response.
 */
export function groupToScim(
  group: ScimGroupFragment,
  members: readonly GqlGroupMember[] | undefined,
  baseUrl: string,
): JsonObject {
  const resource: JsonObject = { schemas: [GROUP_SCHEMA], id: group.id };
  if (group.externalId) resource.externalId = group.externalId;
  resource.displayName = group.displayName;
  if (members && members.length > 0) resource.members = members.map((m) => memberToScim(m, baseUrl));
  resource.meta = scimMeta('Group', baseUrl, group);
  return resource;
}

function memberToScim(member: GqlGroupMember, baseUrl: string): JsonObject {
  const value: JsonObject = {
    value: member.id,
    $ref: `${baseUrl}/${member.type === 'USER' ? 'Users' : 'Groups'}/${member.id}`,
  };
  if (member.display) value.display = member.display;
  value.type = memberType(member.type);
  return value;
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
