import { graphql } from '../gql';

export const ConnectionsQuery = graphql(`
  query Connections {
    connections {
      id
      name
      kind
      status
      lastRequestAt
      requestCounts(window: LAST_24_HOURS) {
        ok
        clientError
        serverError
      }
    }
  }
`);

/** What the set-up view shows of a connection, whether just created or loaded. */
export const ConnectionSetupFields = graphql(`
  fragment ConnectionSetupFields on Connection {
    id
    name
    kind
    status
    baseUrl
    lastRequestAt
    tokenExpiresAt
  }
`);

export const ConnectionSetupQuery = graphql(`
  query ConnectionSetup($id: ID!) {
    connection(id: $id) {
      ...ConnectionSetupFields
      tokenLastUsedAt
      token {
        id
        prefix
        expiresAt
      }
    }
  }
`);

export const CreateConnectionMutation = graphql(`
  mutation CreateConnection($input: CreateConnectionInput!) {
    createConnection(input: $input) {
      secret
      connection {
        ...ConnectionSetupFields
      }
    }
  }
`);

export const RotateConnectionTokenMutation = graphql(`
  mutation RotateConnectionToken($id: ID!, $overlapMinutes: Int!) {
    rotateConnectionToken(id: $id, overlapMinutes: $overlapMinutes) {
      secret
      connection {
        id
        tokenExpiresAt
        token {
          id
          prefix
          expiresAt
        }
      }
    }
  }
`);

export const SetConnectionStatusMutation = graphql(`
  mutation SetConnectionStatus($id: ID!, $status: ConnectionStatus!) {
    setConnectionStatus(id: $id, status: $status) {
      id
      status
    }
  }
`);

export const RenameConnectionMutation = graphql(`
  mutation RenameConnection($id: ID!, $name: String!) {
    renameConnection(id: $id, name: $name) {
      id
      name
    }
  }
`);

export const DeleteConnectionMutation = graphql(`
  mutation DeleteConnection($id: ID!) {
    deleteConnection(id: $id) {
      id
    }
  }
`);
