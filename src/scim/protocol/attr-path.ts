/**
 * Attribute paths in "standard attribute notation" (RFC 7644 §3.10):
 *
 *   attrPath = [URI ":"] ATTRNAME *1subAttr      (RFC 7644 §3.4.2.2, Figure 1)
 *   ATTRNAME = ALPHA *(nameChar); nameChar = "-" / "_" / DIGIT / ALPHA
 *
 * plus `$ref`, the one attribute name RFC 7643 (§2.4, §8.7.1) defines outside that grammar.
 * A schema URN itself contains colons and dotted version segments
 * (`urn:ietf:params:scim:schemas:core:2.0:User:name.familyName`), so the attribute starts after
 * the *last* colon and only that tail is split on dots.
 */

export interface AttrPath {
  /** The schema URN prefix exactly as written, when the path was fully qualified. */
  readonly schema?: string;
  readonly attribute: string;
  readonly subAttribute?: string;
}

const ATTRIBUTE_NAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/;
// RFC 8141 NSS characters narrowed to what schema URNs use in practice; a filter token cannot
// carry anything else anyway.
const SCHEMA_URN = /^urn:[A-Za-z0-9][A-Za-z0-9-]*(?::[A-Za-z0-9._-]+)+$/i;

export function isAttributeName(name: string): boolean {
  return ATTRIBUTE_NAME.test(name);
}

export function isSchemaUrn(text: string): boolean {
  return SCHEMA_URN.test(text);
}

/** Splits `text` into an AttrPath, or returns null when it is not valid attrPath syntax. */
export function splitAttrPath(text: string): AttrPath | null {
  const lastColon = text.lastIndexOf(':');
  const schema = lastColon === -1 ? undefined : text.slice(0, lastColon);
  if (schema !== undefined && !isSchemaUrn(schema)) return null;
  const names = text.slice(lastColon + 1).split('.');
  if (names.length > 2 || !names.every(isAttributeName)) return null;
  const [attribute, subAttribute] = names as [string, string | undefined];
  // Literals rather than conditional spreads: every key of a written resource is split here.
  if (schema === undefined) return subAttribute === undefined ? { attribute } : { attribute, subAttribute };
  return subAttribute === undefined ? { schema, attribute } : { schema, attribute, subAttribute };
}

export function formatAttrPath(path: AttrPath): string {
  const prefix = path.schema === undefined ? '' : `${path.schema}:`;
  const suffix = path.subAttribute === undefined ? '' : `.${path.subAttribute}`;
  return `${prefix}${path.attribute}${suffix}`;
}
