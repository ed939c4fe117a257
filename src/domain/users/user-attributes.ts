import { AttributeCatalog, multiValued, scalar } from '../filter/attribute-catalog';
import type { ScalarAttribute } from '../filter/filter';
import { MULTI_VALUE_ATTRIBUTES, SIMPLE_STRING_ATTRIBUTES } from './user';

export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** An organization-defined extension attribute (an Okta Profile Editor "Add Attribute"). */
export interface ExtensionAttributeDefinition {
  readonly schema: string;
  readonly name: string;
  readonly type: 'string' | 'boolean' | 'integer' | 'decimal' | 'dateTime' | 'reference';
  readonly multiValued: boolean;
  readonly caseExact: boolean;
  readonly required: boolean;
  readonly canonicalValues: readonly string[];
}

const NAME_PARTS = [
  'formatted',
  'familyName',
  'givenName',
  'middleName',
  'honorificPrefix',
  'honorificSuffix',
];
const ENTERPRISE_STRINGS = ['employeeNumber', 'costCenter', 'organization', 'division', 'department'];
const ADDRESS_PARTS = ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type'];

const CORE_SCALARS: ScalarAttribute[] = [
  scalar('id', 'string', true),
  scalar('externalId', 'string', true),
  scalar('userName'),
  scalar('active', 'boolean'),
  ...SIMPLE_STRING_ATTRIBUTES.map((name) => scalar(name, name === 'profileUrl' ? 'reference' : 'string')),
  ...NAME_PARTS.map((part) => scalar(`name.${part}`)),
  ...ENTERPRISE_STRINGS.map((part) => scalar(`enterprise.${part}`)),
  scalar('enterprise.manager.value', 'string', true),
  scalar('meta.created', 'dateTime'),
  scalar('meta.lastModified', 'dateTime'),
];

const valueParts = (valueType: 'string' | 'reference' | 'binary', caseExact: boolean) => [
  scalar('value', valueType, caseExact),
  scalar('display'),
  scalar('type'),
  scalar('primary', 'boolean'),
];

const MULTI = [
  ...MULTI_VALUE_ATTRIBUTES.map((name) => {
    if (name === 'photos') return multiValued(name, valueParts('reference', true));
    if (name === 'x509Certificates') return multiValued(name, valueParts('binary', true));
    return multiValued(name, valueParts('string', name === 'entitlements' || name === 'roles'));
  }),
  multiValued('addresses', [...ADDRESS_PARTS.map((part) => scalar(part)), scalar('primary', 'boolean')]),
  // Read-only on a user, but "users in group X" is a natural query: `groups.value eq "<id>"`.
  multiValued('groups', [scalar('value', 'string', true), scalar('display')]),
];

/** Canonical path of an extension attribute: its schema URN, a colon, its name (as SCIM writes it). */
export const extensionPath = (definition: Pick<ExtensionAttributeDefinition, 'schema' | 'name'>): string =>
  `${definition.schema}:${definition.name}`;

function extensionScalar(definition: ExtensionAttributeDefinition): ScalarAttribute {
  return {
    path: extensionPath(definition),
    type: definition.type,
    caseExact: definition.caseExact,
    extension: { schema: definition.schema, name: definition.name, multiValued: definition.multiValued },
  };
}

/**
 * The user attributes a filter or sort may name. Enterprise attributes answer to both the short
 * `enterprise.department` and the SCIM form `urn:…:enterprise:2.0:User:department`.
 */
export function userAttributeCatalog(
  extensions: readonly ExtensionAttributeDefinition[] = [],
): AttributeCatalog {
  const enterpriseAliases = Object.fromEntries(
    CORE_SCALARS.filter((a) => a.path.startsWith('enterprise.')).map((a) => [
      `${ENTERPRISE_SCHEMA}:${a.path.slice('enterprise.'.length)}`,
      a.path,
    ]),
  );
  return new AttributeCatalog(
    [...CORE_SCALARS, ...extensions.map(extensionScalar)],
    MULTI,
    enterpriseAliases,
  );
}

/** The default catalog, for organizations without extension attributes. */
export const USER_ATTRIBUTES = userAttributeCatalog();

/** Multi-valued attributes a list can be sorted by: RFC 7644 §3.4.2.3 sorts by the primary (or first) value. */
export const USER_SORTABLE_MULTI_VALUED = ['emails.value'] as const;
