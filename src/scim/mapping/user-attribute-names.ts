/** The User attributes the facade maps one to one between SCIM and GraphQL. */
export const SINGULAR_TEXT_ATTRIBUTES = [
  'userName',
  'externalId',
  'displayName',
  'nickName',
  'profileUrl',
  'title',
  'userType',
  'preferredLanguage',
  'locale',
  'timezone',
] as const;

export const MULTI_VALUED_ATTRIBUTES = [
  'emails',
  'phoneNumbers',
  'ims',
  'photos',
  'entitlements',
  'roles',
  'x509Certificates',
] as const;
