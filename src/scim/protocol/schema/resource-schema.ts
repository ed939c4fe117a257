/**
 * A resource type as the protocol code sees it: one core schema plus its extension schemas
 * (RFC 7643 §6). Every protocol function takes a `ResourceSchema` argument — there is no registry —
 * because an organisation may add its own extension schemas at run time.
 */
import { isAttributeName, isSchemaUrn } from '../attr-path';
import { badRequest } from '../scim-error';
import type { AttributeDefinition, SchemaDefinition } from './attribute-definition';
import { deepFreeze } from './attribute-definition';
import { ENTERPRISE_USER_SCHEMA_DEFINITION } from './enterprise-user-schema';
import { GROUP_SCHEMA_DEFINITION } from './group-schema';
import { USER_SCHEMA_DEFINITION } from './user-schema';

export interface SchemaExtension {
  readonly schema: SchemaDefinition;
  /** RFC 7643 §6 `schemaExtensions.required`. */
  readonly required: boolean;
}

export interface ResourceSchema {
  /** The resource type name, e.g. `User` (also its `id` in `/ResourceTypes`). */
  readonly name: string;
  readonly endpoint: string;
  readonly description: string;
  readonly core: SchemaDefinition;
  readonly extensions: readonly SchemaExtension[];
}

/**
 * Validates and freezes a resource schema. Custom extension schemas come from administrators, so
 * a malformed one is rejected here with 400 invalidValue instead of misbehaving later.
 */
export function createResourceSchema(input: ResourceSchema): ResourceSchema {
  const urns = [input.core, ...input.extensions.map((extension) => extension.schema)].map((schema) => {
    checkSchemaDefinition(schema);
    return schema.id.toLowerCase();
  });
  if (new Set(urns).size !== urns.length) {
    throw badRequest('invalidValue', `Resource type ${input.name} lists the same schema twice`);
  }
  return deepFreeze({ ...input, extensions: [...input.extensions] });
}

/** The User resource type: core User + the Enterprise User extension + any custom extensions. */
export function userResourceSchema(customExtensions: readonly SchemaExtension[] = []): ResourceSchema {
  return createResourceSchema({
    name: 'User',
    endpoint: '/Users',
    description: 'User Account',
    core: USER_SCHEMA_DEFINITION,
    extensions: [{ schema: ENTERPRISE_USER_SCHEMA_DEFINITION, required: false }, ...customExtensions],
  });
}

export function groupResourceSchema(customExtensions: readonly SchemaExtension[] = []): ResourceSchema {
  return createResourceSchema({
    name: 'Group',
    endpoint: '/Groups',
    description: 'Group',
    core: GROUP_SCHEMA_DEFINITION,
    extensions: [...customExtensions],
  });
}

/** The extension whose URN equals `urn` (case-insensitively). */
export function findExtension(schema: ResourceSchema, urn: string): SchemaExtension | undefined {
  const lower = urn.toLowerCase();
  return schema.extensions.find((extension) => extension.schema.id.toLowerCase() === lower);
}

function checkSchemaDefinition(schema: SchemaDefinition): void {
  if (!isSchemaUrn(schema.id)) throw badRequest('invalidValue', `Schema id "${schema.id}" is not a URN`);
  checkAttributes(schema.attributes, schema.id, true);
}

function checkAttributes(attributes: readonly AttributeDefinition[], owner: string, topLevel: boolean): void {
  const seen = new Set<string>();
  for (const attribute of attributes) {
    const where = `${owner}:${attribute.name}`;
    if (!isAttributeName(attribute.name)) throw badRequest('invalidValue', `Invalid attribute name ${where}`);
    if (seen.has(attribute.name.toLowerCase())) {
      throw badRequest('invalidValue', `Duplicate attribute ${where}`);
    }
    seen.add(attribute.name.toLowerCase());
    const isComplex = attribute.type === 'complex';
    if (isComplex && !topLevel) throw badRequest('invalidValue', `Sub-attribute ${where} cannot be complex`);
    if (isComplex !== Boolean(attribute.subAttributes?.length)) {
      throw badRequest(
        'invalidValue',
        `Attribute ${where} must have sub-attributes exactly when it is complex`,
      );
    }
    if (attribute.subAttributes) checkAttributes(attribute.subAttributes, where, false);
  }
}
