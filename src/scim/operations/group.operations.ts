import { parse } from 'graphql';

const GROUP_FIELDS = `fragment ScimGroup on Group { id displayName externalId version createdAt updatedAt }`;

export const GET_GROUP = parse(`
  query ScimGetGroup($id: ID!) { group(id: $id) { ...ScimGroup } }
  ${GROUP_FIELDS}`);

/** Members are read in pages so a group of 100,000 never becomes one huge GraphQL response. */
export const GROUP_MEMBERS = parse(`
  query ScimGroupMembers($id: ID!, $first: Int!, $after: String) {
    groupMembers(groupId: $id, first: $first, after: $after) {
      nodes { id type display }
      pageInfo { hasNextPage endCursor }
    }
  }`);

export const LIST_GROUPS = parse(`
  query ScimListGroups($filter: Filter, $orderBy: OrderBy, $first: Int!, $after: String, $offset: Int) {
    groups(filter: $filter, orderBy: $orderBy, first: $first, after: $after, offset: $offset) {
      totalCount
      nodes { ...ScimGroup }
      pageInfo { hasNextPage endCursor }
    }
  }
  ${GROUP_FIELDS}`);

export const CREATE_GROUP = parse(`
  mutation ScimCreateGroup($input: GroupInput!) { createGroup(input: $input) { ...ScimGroup } }
  ${GROUP_FIELDS}`);

export const MODIFY_GROUP = parse(`
  mutation ScimModifyGroup($id: ID!, $input: GroupChangeInput!, $expectedVersion: Int) {
    modifyGroup(id: $id, input: $input, expectedVersion: $expectedVersion) { ...ScimGroup }
  }
  ${GROUP_FIELDS}`);

export const DELETE_GROUP = parse(`
  mutation ScimDeleteGroup($id: ID!, $expectedVersion: Int) { deleteGroup(id: $id, expectedVersion: $expectedVersion) }`);
