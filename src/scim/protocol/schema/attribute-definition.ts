/**
 * Attribute and schema definitions as data (RFC 7643 §7, "Schema Definition").
 *
 * Definitions are plain, frozen objects so they can be served as-is from `/Schemas` and so
 * per-organisation extension schemas built at run time have exactly the same shape.
 */

export type AttributeType =
  'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'binary' | 'reference' | 'complex';

export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly AttributeDefinition[];
}

export interface SchemaDefinition {
  /** The schema URN, e.g. `urn:ietf:params:scim:schemas:core:2.0:User`. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly AttributeDefinition[];
}

export type AttributeOptions = Partial<Omit<AttributeDefinition, 'name' | 'type'>>;

/**
 * Builds a definition, filling in the RFC 7643 §2.2 defaults ("required" false, "caseExact"
 * false, "mutability" readWrite, "returned" default, "uniqueness" none) so every definition is
 * complete when served from `/Schemas`.
 */
export function defineAttribute(
  name: string,
  type: AttributeType,
  options: AttributeOptions = {},
): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description: '',
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

/** Freezes a definition tree so shared schema constants cannot be changed by accident. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Lower-cased name → the first attribute of that name, per list (lists are never modified). */
const BY_NAME = new WeakMap<readonly AttributeDefinition[], ReadonlyMap<string, AttributeDefinition>>();

function byName(attributes: readonly AttributeDefinition[]): ReadonlyMap<string, AttributeDefinition> {
  let index = BY_NAME.get(attributes);
  if (!index) {
    const built = new Map<string, AttributeDefinition>();
    for (const attribute of attributes) {
      const lower = attribute.name.toLowerCase();
      if (!built.has(lower)) built.set(lower, attribute);
    }
    BY_NAME.set(attributes, built);
    index = built;
  }
  return index;
}

/**
 * The attribute of this name, case-insensitively (RFC 7643 §2.1). Every key of a written resource is looked up
 * here, so each list is indexed once rather than lower-cased whole on every lookup.
 */
export function findAttribute(
  attributes: readonly AttributeDefinition[] | undefined,
  name: string,
): AttributeDefinition | undefined {
  return attributes && byName(attributes).get(name.toLowerCase());
}

/** The `value` sub-attribute of a complex attribute, which RFC 7643 §2.4 gives special meaning. */
export function valueSubAttribute(attribute: AttributeDefinition): AttributeDefinition | undefined {
  return attribute.type === 'complex' ? findAttribute(attribute.subAttributes, 'value') : undefined;
}
