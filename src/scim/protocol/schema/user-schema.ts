/**
 * The core User schema, RFC 7643 §8.7.1 (`urn:ietf:params:scim:schemas:core:2.0:User`).
 *
 * Characteristics follow §8.7.1; descriptions are shortened. Deliberate departures, each from
 * another part of the same RFC or its errata:
 * - `addresses` has a `primary` sub-attribute: §2.4 defines it for multi-valued attributes and
 *   the §8.2 example uses it, but the §8.7.1 listing omits it.
 * - `x509Certificates.value` is caseExact: §2.3.6 says binary values are case exact (errata 6000).
 * - `photos.value`, `entitlements.value` and `roles.value` are caseExact (§8.7.1: false): the service
 *   stores and compares them exactly — a photo URL's path is case-sensitive, and `Admin` and `admin`
 *   are different entitlements in the systems that grant them — and /Schemas must say what filters
 *   and PATCH value filters actually do.
 */
import { deepFreeze, defineAttribute } from './attribute-definition';
import type { AttributeDefinition, SchemaDefinition } from './attribute-definition';
import { multiValuedComplex, primarySubAttribute, standardSubAttributes } from './multi-valued-attribute';
import { USER_SCHEMA } from './schema-urns';

const text = (name: string, description: string) => defineAttribute(name, 'string', { description });

const nameAttribute = defineAttribute('name', 'complex', {
  description: "The components of the user's real name.",
  subAttributes: [
    text(
      'formatted',
      'The full name, including all middle names, titles, and suffixes, formatted for display.',
    ),
    text('familyName', 'The family name of the User, or last name in most Western languages.'),
    text('givenName', 'The given name of the User, or first name in most Western languages.'),
    text('middleName', 'The middle name(s) of the User.'),
    text('honorificPrefix', 'The honorific prefix(es) of the User, or title in most Western languages.'),
    text('honorificSuffix', 'The honorific suffix(es) of the User, or suffix in most Western languages.'),
  ],
});

const addressesAttribute = multiValuedComplex('addresses', 'A physical mailing address for this User.', [
  text('formatted', 'The full mailing address, formatted for display or use with a mailing label.'),
  text('streetAddress', 'The full street address component.'),
  text('locality', 'The city or locality component.'),
  text('region', 'The state or region component.'),
  text('postalCode', 'The zip code or postal code component.'),
  text('country', 'The country name component (ISO 3166-1 alpha-2).'),
  defineAttribute('type', 'string', {
    description: "A label indicating the attribute's function, e.g., 'work' or 'home'.",
    canonicalValues: ['work', 'home', 'other'],
  }),
  primarySubAttribute(),
]);

const groupsAttribute = multiValuedComplex(
  'groups',
  'A list of groups to which the user belongs, either through direct membership, through nested groups, or dynamically calculated.',
  [
    defineAttribute('value', 'string', {
      description: "The identifier of the User's group.",
      mutability: 'readOnly',
    }),
    defineAttribute('$ref', 'reference', {
      description: "The URI of the corresponding 'Group' resource to which the user belongs.",
      referenceTypes: ['User', 'Group'],
      mutability: 'readOnly',
    }),
    defineAttribute('display', 'string', {
      description: 'A human-readable name, primarily used for display purposes.',
      mutability: 'readOnly',
    }),
    defineAttribute('type', 'string', {
      description: "A label indicating the attribute's function, e.g., 'direct' or 'indirect'.",
      canonicalValues: ['direct', 'indirect'],
      mutability: 'readOnly',
    }),
  ],
  'readOnly',
);

const pluralAttributes: AttributeDefinition[] = [
  multiValuedComplex(
    'emails',
    'Email addresses for the user.',
    standardSubAttributes({
      valueDescription: 'Email address for the user.',
      canonicalTypes: ['work', 'home', 'other'],
    }),
  ),
  multiValuedComplex(
    'phoneNumbers',
    'Phone numbers for the User.',
    standardSubAttributes({
      valueDescription: 'Phone number of the User.',
      canonicalTypes: ['work', 'home', 'mobile', 'fax', 'pager', 'other'],
    }),
  ),
  multiValuedComplex(
    'ims',
    'Instant messaging addresses for the User.',
    standardSubAttributes({
      valueDescription: 'Instant messaging address for the User.',
      canonicalTypes: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'],
    }),
  ),
  multiValuedComplex(
    'photos',
    'URLs of photos of the User.',
    standardSubAttributes({
      valueDescription: 'URL of a photo of the User.',
      valueType: 'reference',
      valueCaseExact: true,
      referenceTypes: ['external'],
      canonicalTypes: ['photo', 'thumbnail'],
    }),
  ),
  addressesAttribute,
  groupsAttribute,
  multiValuedComplex(
    'entitlements',
    'A list of entitlements for the User that represent a thing the User has.',
    standardSubAttributes({ valueDescription: 'The value of an entitlement.', valueCaseExact: true }),
  ),
  multiValuedComplex(
    'roles',
    "A list of roles for the User that collectively represent who the User is, e.g., 'Student', 'Faculty'.",
    standardSubAttributes({ valueDescription: 'The value of a role.', valueCaseExact: true }),
  ),
  multiValuedComplex(
    'x509Certificates',
    'A list of certificates issued to the User.',
    standardSubAttributes({
      valueDescription: 'The value of an X.509 certificate (base64-encoded DER).',
      valueType: 'binary',
      valueCaseExact: true,
    }),
  ),
];

export const USER_SCHEMA_DEFINITION: SchemaDefinition = deepFreeze({
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    defineAttribute('userName', 'string', {
      description:
        'Unique identifier for the User, typically used by the user to directly authenticate to the service provider.',
      required: true,
      uniqueness: 'server',
    }),
    nameAttribute,
    text('displayName', 'The name of the User, suitable for display to end-users.'),
    text(
      'nickName',
      "The casual way to address the user in real life, e.g., 'Bob' or 'Bobby' instead of 'Robert'.",
    ),
    defineAttribute('profileUrl', 'reference', {
      description: "A fully qualified URL pointing to a page representing the User's online profile.",
      referenceTypes: ['external'],
    }),
    text('title', 'The user\'s title, such as "Vice President."'),
    text('userType', 'Used to identify the relationship between the organization and the user.'),
    text('preferredLanguage', "Indicates the User's preferred written or spoken language."),
    text('locale', "Used to indicate the User's default location for purposes of localizing items."),
    text(
      'timezone',
      "The User's time zone in the 'Olson' time zone database format, e.g., 'America/Los_Angeles'.",
    ),
    defineAttribute('active', 'boolean', {
      description: "A Boolean value indicating the User's administrative status.",
    }),
    defineAttribute('password', 'string', {
      description: "The User's cleartext password, used to set an initial password or reset it.",
      mutability: 'writeOnly',
      returned: 'never',
    }),
    ...pluralAttributes,
  ],
});
