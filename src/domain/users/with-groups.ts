import type { UserGroupMembership } from '../groups/group';

/**
 * Users read together with the groups each one is in, directly or through nested groups, in the
 * same statement: a GraphQL operation that shows a user's groups then costs one read, not two.
 */
export interface WithGroups<T> {
  readonly value: T;
  /**
   * For every user in `value` (a page's extra row, fetched only to learn there is a next page, may
   * be here too): its groups as `MembershipRepository.groupsOfUsers` lists them, by group id, empty
   * for a user in none. A user not in this map was not read with its groups.
   */
  readonly groupsOf: ReadonlyMap<string, readonly UserGroupMembership[]>;
}

/**
 * A user this request has just created, with its groups: none. A membership can only name the user
 * once the creating transaction has committed (until then no other transaction sees the row to add
 * it), so as of the write it is in no group, and showing its groups needs no read.
 */
export function createdWithGroups<T extends { readonly id: string }>(user: T): WithGroups<T> {
  return { value: user, groupsOf: new Map([[user.id, []]]) };
}
