import type { AttributeDefinition } from '../protocol';
import {
  COMMON_ATTRIBUTES,
  ENTERPRISE_USER_SCHEMA_DEFINITION,
  findAttribute,
  USER_SCHEMA_DEFINITION,
  valueSubAttribute,
} from '../protocol';

/**
 * The User attributes the facade maps one to one between SCIM and GraphQL (same name on both
 * sides), read from the SCIM schema so that an attribute declared there reaches GraphQL without a
 * list to update here. The chain test (test/contract/user-attribute-chain.test.ts) checks that
 * every one of them is a GraphQL field.
 */
const CORE: readonly AttributeDefinition[] = [
  ...COMMON_ATTRIBUTES.filter((a) => a.mutability !== 'readOnly'),
  ...USER_SCHEMA_DEFINITION.attributes,
];

const isSingularSimple = (a: AttributeDefinition) => !a.multiValued && a.type !== 'complex';

/** Singular simple attributes a client may write (externalId, userName, … active, password). */
export const WRITABLE_SINGULAR_ATTRIBUTES: readonly string[] = CORE.filter(
  (a) => isSingularSimple(a) && a.mutability !== 'readOnly',
).map((a) => a.name);

/** Singular simple attributes a response may carry (the writable ones but the password). */
export const RETURNED_SINGULAR_ATTRIBUTES: readonly string[] = CORE.filter(
  (a) => isSingularSimple(a) && a.mutability !== 'readOnly' && a.returned !== 'never',
).map((a) => a.name);

/**
 * Writable multi-valued attributes of `{ value, display, type, primary }` values (GraphQL's
 * MultiValue): emails, phoneNumbers, ims, photos, entitlements, roles, x509Certificates.
 */
export const MULTI_VALUED_ATTRIBUTES: readonly string[] = USER_SCHEMA_DEFINITION.attributes
  .filter((a) => a.multiValued && a.mutability !== 'readOnly' && valueSubAttribute(a))
  .map((a) => a.name);

/** The parts of `name` (GraphQL's NameInput). */
export const NAME_PARTS: readonly string[] = (
  findAttribute(USER_SCHEMA_DEFINITION.attributes, 'name')?.subAttributes ?? []
).map((a) => a.name);

/** The enterprise extension's simple attributes (the manager is a reference, mapped on its own). */
export const ENTERPRISE_TEXT_ATTRIBUTES: readonly string[] = ENTERPRISE_USER_SCHEMA_DEFINITION.attributes
  .filter(isSingularSimple)
  .map((a) => a.name);
