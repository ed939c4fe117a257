import { graphql } from '../gql';

/** What a setup link's visitor may read: the link itself and its one connection. */
export const SetupVisitorQuery = graphql(`
  query SetupVisitor {
    viewer {
      setupLink {
        id
        expiresAt
      }
      connection {
        id
        name
        kind
        status
        baseUrl
        lastRequestAt
        tokenExpiresAt
        tokenLastUsedAt
        token {
          id
          prefix
        }
      }
    }
  }
`);

export const VisitorResetTokenMutation = graphql(`
  mutation VisitorResetToken($id: ID!) {
    rotateConnectionToken(id: $id, overlapMinutes: 0) {
      secret
      connection {
        id
      }
    }
  }
`);
