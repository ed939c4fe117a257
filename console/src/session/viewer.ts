import { graphql } from '../gql';

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      subject
      scopes
    }
  }
`);

export const ViewerOrganizationQuery = graphql(`
  query ViewerOrganization {
    viewer {
      organization {
        id
        slug
        name
      }
    }
  }
`);

export const OrganizationsQuery = graphql(`
  query Organizations($after: String) {
    organizations(first: 100, after: $after) {
      nodes {
        id
        slug
        name
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
