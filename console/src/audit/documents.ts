import { graphql } from '../gql';

export const AuditEventsQuery = graphql(`
  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        actor
        channel
        action
        targetType
        targetId
        changes
        notes
        requestId
        occurredAt
        connectionRequest {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
