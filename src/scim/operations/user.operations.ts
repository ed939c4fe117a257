import { parse } from 'graphql';

const VALUE = 'value display type primary';

/** Everything a SCIM User representation needs; `groups` only when the response will show them. */
const USER_FIELDS = `
  fragment ScimUser on User {
    id userName externalId active displayName nickName profileUrl title userType preferredLanguage locale timezone
    name { formatted familyName givenName middleName honorificPrefix honorificSuffix }
    emails { ${VALUE} } phoneNumbers { ${VALUE} } ims { ${VALUE} } photos { ${VALUE} }
    entitlements { ${VALUE} } roles { ${VALUE} } x509Certificates { ${VALUE} }
    addresses { formatted streetAddress locality region postalCode country type primary }
    enterprise { employeeNumber costCenter organization division department manager { value displayName } }
    extensions version createdAt updatedAt
    groups @include(if: $withGroups) { direct group { id displayName } }
  }`;

export const GET_USER = parse(`
  query ScimGetUser($id: ID!, $withGroups: Boolean!) { user(id: $id) { ...ScimUser } }
  ${USER_FIELDS}`);

export const LIST_USERS = parse(`
  query ScimListUsers($filter: Filter, $orderBy: OrderBy, $first: Int!, $after: String, $offset: Int, $withGroups: Boolean!) {
    users(filter: $filter, orderBy: $orderBy, first: $first, after: $after, offset: $offset) {
      totalCount
      nodes { ...ScimUser }
      pageInfo { hasNextPage endCursor }
    }
  }
  ${USER_FIELDS}`);

export const CREATE_USER = parse(`
  mutation ScimCreateUser($input: UserInput!, $withGroups: Boolean!) { createUser(input: $input) { ...ScimUser } }
  ${USER_FIELDS}`);

export const REPLACE_USER = parse(`
  mutation ScimReplaceUser($id: ID!, $input: UserInput!, $expectedVersion: Int, $withGroups: Boolean!) {
    replaceUser(id: $id, input: $input, expectedVersion: $expectedVersion) { ...ScimUser }
  }
  ${USER_FIELDS}`);

export const DELETE_USER = parse(`
  mutation ScimDeleteUser($id: ID!, $expectedVersion: Int) { deleteUser(id: $id, expectedVersion: $expectedVersion) }`);

export const USER_EXTENSION_ATTRIBUTES = parse(`
  query ScimUserExtensionAttributes {
    userExtensionAttributes { schema name type multiValued caseExact required canonicalValues description }
  }`);

export const ME = parse(`
  query ScimMe($withGroups: Boolean!) { viewer { user { ...ScimUser } } }
  ${USER_FIELDS}`);
