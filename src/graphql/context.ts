import DataLoader from 'dataloader';
import type { RequestContext } from '../domain/auth/request-context';
import type { GroupRecord, UserGroupMembership } from '../domain/groups/group';
import type { Services } from '../domain/services';
import { isUuid } from '../domain/shared/uuid-v7';
import type { UserRecord, UserSummary } from '../domain/users/user';
import type { WithGroups } from '../domain/users/with-groups';

/** Per-request batching: every load in one tick becomes one service call (one SELECT). */
export interface Loaders {
  readonly usersById: DataLoader<string, UserRecord | null>;
  /** Only for what may be answered from a summary (see `userReferenceView`). */
  readonly userSummariesById: DataLoader<string, UserSummary | null>;
  readonly groupsById: DataLoader<string, GroupRecord | null>;
  /** The groups a user belongs to, directly and through nested groups. */
  readonly groupsOfUser: DataLoader<string, readonly UserGroupMembership[]>;
  /** Member counts, so `groups { nodes { memberCount } }` is one query, not one per group. */
  readonly memberCounts: DataLoader<string, number>;
}

export interface GraphqlContext {
  readonly request: RequestContext;
  readonly services: Services;
  readonly loaders: Loaders;
}

/** A fresh context for one GraphQL request: loaders cache for the request's lifetime only. */
export function createGraphqlContext(services: Services, request: RequestContext): GraphqlContext {
  return { request, services, loaders: createLoaders(services, request) };
}

/**
 * The value of a read made with the users' groups, those groups handed to `groupsOfUser` so the
 * `User.groups` resolver answers them without a query. Only complete lists are primed: every group
 * of each user read (a key already loaded keeps its value, equally current).
 */
export function primeGroupsOfUsers<T>(loaders: Loaders, read: WithGroups<T>): T {
  for (const [userId, groups] of read.groupsOf) loaders.groupsOfUser.prime(userId, groups);
  return read.value;
}

function createLoaders(services: Services, request: RequestContext): Loaders {
  return {
    usersById: new DataLoader((ids) => onlyUuids(ids, (valid) => services.users.findMany(request, valid))),
    userSummariesById: new DataLoader((ids) =>
      onlyUuids(ids, (valid) => services.users.findMany(request, valid, 'summary')),
    ),
    groupsById: new DataLoader((ids) => onlyUuids(ids, (valid) => services.groups.findMany(request, valid))),
    groupsOfUser: new DataLoader((userIds) => services.memberships.groupsOfUsers(request, userIds)),
    memberCounts: new DataLoader((groupIds) => services.memberships.countMembersOf(request, groupIds)),
  };
}

/**
 * Keys that are not UUIDs name nothing we store (a manager id from an identity provider, a
 * federation representation from elsewhere): they answer null without reaching the database.
 * The rest go to `find` in one call; results come back in key order.
 */
async function onlyUuids<T>(
  ids: readonly string[],
  find: (ids: readonly string[]) => Promise<(T | null)[]>,
): Promise<(T | null)[]> {
  const valid = ids.filter((id) => typeof id === 'string' && isUuid(id));
  if (valid.length === ids.length) return find(ids);
  const found = valid.length > 0 ? await find(valid) : [];
  const byId = new Map(valid.map((id, i) => [id, found[i]]));
  return ids.map((id) => byId.get(id) ?? null);
}
