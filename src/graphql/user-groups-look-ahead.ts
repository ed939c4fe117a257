import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { Condition, SelectionsAt } from './look-ahead';
import { fieldSelections, fieldsOn, included, perFieldNode, selectionsOf } from './look-ahead';

/**
 * Whether a query for users selects their `groups`: then the users are read with their groups in
 * one statement instead of a second one from the `User.groups` resolver. Per field node of a
 * document, the `@skip`/`@include` conditions on the way to each `groups` selected; per request,
 * whether any of them holds with its variables (the SCIM facade asks for groups with
 * `@include(if: $withGroups)`, and its PATCH reads without them).
 */
const groupsConditions = new WeakMap<FieldNode, readonly (readonly Condition[])[]>();

/** For a field of type User (`user(id)`). */
export function selectsGroupsOfUser(info: GraphQLResolveInfo): boolean {
  return anyIncluded(info, (i) => groupsIn(i, fieldSelections(i)));
}

/** For a field of type UserConnection (`users`): `groups` on its nodes, or on its edges' node. */
export function selectsGroupsOfUsers(info: GraphQLResolveInfo): boolean {
  return anyIncluded(info, (i) => {
    const connection = fieldsOn(i, 'UserConnection', fieldSelections(i));
    const edges = fieldsOn(i, 'UserEdge', selectionsOf(connection, 'edges'));
    return groupsIn(i, [...selectionsOf(connection, 'nodes'), ...selectionsOf(edges, 'node')]);
  });
}

function anyIncluded(
  info: GraphQLResolveInfo,
  decide: (info: GraphQLResolveInfo) => readonly (readonly Condition[])[],
): boolean {
  const conditions = perFieldNode(groupsConditions, info, decide);
  return conditions.some((path) => included(path, info.variableValues));
}

const groupsIn = (info: GraphQLResolveInfo, sets: readonly SelectionsAt[]) =>
  fieldsOn(info, 'User', sets)
    .filter(({ field }) => field?.name.value === 'groups')
    .map(({ conditions }) => conditions);
