import { graphql } from '../gql';

export const UsersQuery = graphql(`
  query DirectoryUsers($filter: Filter, $first: Int, $after: String) {
    users(filter: $filter, first: $first, after: $after, orderBy: { attribute: "userName" }) {
      totalCount
      nodes {
        id
        userName
        displayName
        active
        emails {
          value
          primary
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const UserQuery = graphql(`
  query DirectoryUser($id: ID!) {
    user(id: $id) {
      id
      userName
      displayName
      externalId
      active
      title
      name {
        formatted
        givenName
        familyName
      }
      emails {
        value
        type
        primary
      }
      createdAt
      updatedAt
      groups {
        direct
        group {
          id
          displayName
        }
      }
    }
  }
`);

export const SetUserActiveMutation = graphql(`
  mutation DirectorySetUserActive($id: ID!, $active: Boolean!) {
    setUserActive(id: $id, active: $active) {
      id
      active
      version
    }
  }
`);

export const GroupsQuery = graphql(`
  query DirectoryGroups($filter: Filter, $first: Int, $after: String) {
    groups(filter: $filter, first: $first, after: $after, orderBy: { attribute: "displayName" }) {
      totalCount
      nodes {
        id
        displayName
        externalId
        memberCount
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const GroupQuery = graphql(`
  query DirectoryGroup($id: ID!, $first: Int, $after: String) {
    group(id: $id) {
      id
      displayName
      externalId
      memberCount
      createdAt
      updatedAt
      members(first: $first, after: $after) {
        nodes {
          type
          id
          display
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);
