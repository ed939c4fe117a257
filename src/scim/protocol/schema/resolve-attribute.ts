/**
 * Resolves an attribute path (`userName`, `name.givenName`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`) against a
 * resource schema. Names and schema URNs match case-insensitively (RFC 7643 §2.1); the result
 * carries the definitions and the canonical spelling of the path.
 */
import type { AttrPath } from '../attr-path';
import { splitAttrPath } from '../attr-path';
import type { AttributeDefinition, SchemaDefinition } from './attribute-definition';
import { findAttribute } from './attribute-definition';
import { COMMON_ATTRIBUTES } from './common-attributes';
import type { ResourceSchema } from './resource-schema';
import { findExtension } from './resource-schema';

export interface ResolvedAttribute {
  /** The URN of the schema defining the attribute (the core URN for id/externalId/meta). */
  readonly schemaUrn: string;
  /** True when the attribute lives in an extension, i.e. under `resource[schemaUrn]`. */
  readonly isExtension: boolean;
  readonly attribute: AttributeDefinition;
  readonly subAttribute?: AttributeDefinition;
  /** `name.givenName` for core attributes; URN-qualified for extension attributes. */
  readonly canonicalPath: string;
}

export function resolveAttribute(schema: ResourceSchema, path: string | AttrPath): ResolvedAttribute | null {
  const parsed = typeof path === 'string' ? splitAttrPath(path) : path;
  if (parsed === null) return null;
  const found = parsed.schema === undefined ? findUnqualified(schema, parsed) : findQualified(schema, parsed);
  if (!found) return null;
  const { definition, isExtension } = found;
  const attribute = findAttribute(definitionAttributes(definition, isExtension), parsed.attribute);
  if (!attribute) return null;
  if (parsed.subAttribute === undefined) return build(definition, isExtension, attribute);
  const subAttribute = findAttribute(attribute.subAttributes, parsed.subAttribute);
  return subAttribute ? build(definition, isExtension, attribute, subAttribute) : null;
}

interface SchemaMatch {
  readonly definition: SchemaDefinition;
  readonly isExtension: boolean;
}

function findQualified(schema: ResourceSchema, path: AttrPath): SchemaMatch | null {
  const urn = path.schema ?? '';
  if (urn.toLowerCase() === schema.core.id.toLowerCase()) {
    return { definition: schema.core, isExtension: false };
  }
  const extension = findExtension(schema, urn);
  return extension ? { definition: extension.schema, isExtension: true } : null;
}

/**
 * RFC 7644 §3.10 lets clients omit the core URN and asks them to qualify extension attributes.
 * Clients do not always, so an unqualified name that is not a core attribute is looked up in the
 * extensions — but only when exactly one extension defines it, never by guessing.
 */
function findUnqualified(schema: ResourceSchema, path: AttrPath): SchemaMatch | null {
  if (findAttribute(definitionAttributes(schema.core, false), path.attribute)) {
    return { definition: schema.core, isExtension: false };
  }
  const candidates = schema.extensions.filter((extension) =>
    findAttribute(extension.schema.attributes, path.attribute),
  );
  const [only] = candidates;
  return candidates.length === 1 && only ? { definition: only.schema, isExtension: true } : null;
}

/** A core schema's attributes after the common ones, one list per definition (findAttribute indexes it). */
const WITH_COMMON = new WeakMap<SchemaDefinition, readonly AttributeDefinition[]>();

function definitionAttributes(
  definition: SchemaDefinition,
  isExtension: boolean,
): readonly AttributeDefinition[] {
  if (isExtension) return definition.attributes;
  let attributes = WITH_COMMON.get(definition);
  if (!attributes) {
    attributes = [...COMMON_ATTRIBUTES, ...definition.attributes];
    WITH_COMMON.set(definition, attributes);
  }
  return attributes;
}

function build(
  definition: SchemaDefinition,
  isExtension: boolean,
  attribute: AttributeDefinition,
  subAttribute?: AttributeDefinition,
): ResolvedAttribute {
  const local = subAttribute ? `${attribute.name}.${subAttribute.name}` : attribute.name;
  return {
    schemaUrn: definition.id,
    isExtension,
    attribute,
    ...(subAttribute && { subAttribute }),
    canonicalPath: isExtension ? `${definition.id}:${local}` : local,
  };
}
