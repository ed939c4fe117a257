import { AttributeCatalog, multiValued, scalar } from '../filter/attribute-catalog';
import type { ScalarAttribute } from '../filter/filter';
import { USER_CATALOG } from './user-catalog';

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

const ADDRESS_PARTS = ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type'];

/** The catalog's filterable singular attributes. */
const CORE_SCALARS: ScalarAttribute[] = USER_CATALOG.filter((e) => e.filterable && !e.multiValued).map((e) =>
  scalar(e.path, e.type === 'complex' ? 'string' : e.type, e.caseExact),
);

const valueParts = (valueType: 'string' | 'reference' | 'binary', caseExact: boolean) => [
  scalar('value', valueType, caseExact),
  scalar('display'),
  scalar('type'),
  scalar('primary', 'boolean'),
];

const SUB_ATTRIBUTES: Readonly<Record<string, ScalarAttribute[]>> = {
  addresses: [...ADDRESS_PARTS.map((part) => scalar(part)), scalar('primary', 'boolean')],
  groups: [scalar('value', 'string', true), scalar('display')],
};

/** The catalog's multi-valued attributes: `{ value, display, type, primary }` unless listed above. */
const MULTI = USER_CATALOG.filter((e) => e.filterable && e.multiValued).map((e) =>
  multiValued(
    e.path,
    SUB_ATTRIBUTES[e.field] ?? valueParts(e.type as 'string' | 'reference' | 'binary', e.caseExact),
  ),
);

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

export { USER_SORTABLE_MULTI_VALUED } from './user-catalog';
