/**
 * The attributes a list of names selects, keyed by schema URN and attribute name
 * (case-insensitive). Naming a schema URN selects that whole schema; names the schema does not
 * define select nothing.
 */
import type { ResourceSchema } from '../schema/resource-schema';
import { findExtension } from '../schema/resource-schema';
import { resolveAttribute } from '../schema/resolve-attribute';

export interface SelectedAttribute {
  /** The attribute itself was named (not only some of its sub-attributes). */
  whole: boolean;
  /** Lower-cased names of the sub-attributes that were named. */
  readonly subAttributes: Set<string>;
}

export interface AttributeSelection {
  /** No names were given (names the schema does not define still make it non-empty). */
  readonly isEmpty: boolean;
  readonly wholeSchemas: ReadonlySet<string>;
  get(schemaUrn: string, attribute: string): SelectedAttribute | undefined;
}

export function selectAttributes(schema: ResourceSchema, names: readonly string[]): AttributeSelection {
  const wholeSchemas = new Set<string>();
  const attributes = new Map<string, SelectedAttribute>();
  for (const name of names) {
    if (name.toLowerCase() === schema.core.id.toLowerCase() || findExtension(schema, name)) {
      wholeSchemas.add(name.toLowerCase());
      continue;
    }
    const resolved = resolveAttribute(schema, name);
    if (!resolved) continue;
    const key = selectionKey(resolved.schemaUrn, resolved.attribute.name);
    const entry = attributes.get(key) ?? { whole: false, subAttributes: new Set<string>() };
    if (resolved.subAttribute) entry.subAttributes.add(resolved.subAttribute.name.toLowerCase());
    else entry.whole = true;
    attributes.set(key, entry);
  }
  return {
    isEmpty: names.length === 0,
    wholeSchemas,
    get: (schemaUrn, attribute) => attributes.get(selectionKey(schemaUrn, attribute)),
  };
}

function selectionKey(schemaUrn: string, attribute: string): string {
  return `${schemaUrn.toLowerCase()}\u0000${attribute.toLowerCase()}`;
}
