import { graphql } from '../gql';

export const ConnectionHealthQuery = graphql(`
  query ConnectionHealth($id: ID!) {
    connection(id: $id) {
      id
      name
      kind
      status
      baseUrl
      createdAt
      lastRequestAt
      lastSuccessAt
      lastErrorAt
      lastError {
        status
        detail
      }
      day: requestCounts(window: LAST_24_HOURS) {
        ok
        clientError
        serverError
      }
      total: requestCounts(window: SINCE_CREATION) {
        ok
        clientError
        serverError
      }
      usersCreated
      groupsCreated
      tokenLastUsedAt
      tokenExpiresAt
      requestLogDropped
      quirksSeen {
        name
        count
        lastSeenAt
      }
    }
  }
`);

export const ConnectionRequestsQuery = graphql(`
  query ConnectionRequests(
    $connectionId: ID!
    $filter: ConnectionRequestFilter
    $first: Int
    $after: String
  ) {
    connectionRequests(connectionId: $connectionId, filter: $filter, first: $first, after: $after) {
      nodes {
        id
        requestId
        method
        path
        status
        durationMs
        quirks
        dryRun
        resourceIds
        auditEventIds
        requestBody
        responseBody
        changes {
          resourceType
          resourceId
          action
          changedAttributes
          before
          after
        }
        changesOmitted
        at
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const SetupLinksQuery = graphql(`
  query SetupLinks($connectionId: ID!) {
    setupLinks(connectionId: $connectionId) {
      id
      createdAt
      createdBy
      expiresAt
      revokedAt
      lastUsedAt
      useCount
    }
  }
`);

export const CreateSetupLinkMutation = graphql(`
  mutation CreateSetupLink($connectionId: ID!, $expiresInHours: Int) {
    createSetupLink(connectionId: $connectionId, expiresInHours: $expiresInHours) {
      url
      setupLink {
        id
        expiresAt
      }
    }
  }
`);

export const RevokeSetupLinkMutation = graphql(`
  mutation RevokeSetupLink($id: ID!) {
    revokeSetupLink(id: $id) {
      id
      revokedAt
    }
  }
`);
