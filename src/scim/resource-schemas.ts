import type { ScimUserExtensionAttributesQuery } from './operations/generated';
import { ScimUserExtensionAttributesDocument } from './operations/generated';
import type { AttributeType, ResourceSchema, SchemaDefinition, SchemaExtension } from './protocol';
import { defineAttribute, groupResourceSchema, userResourceSchema } from './protocol';
import type { ScimRequest } from './scim-context';

type GqlExtensionAttribute = ScimUserExtensionAttributesQuery['userExtensionAttributes'][number];

/** The organization's custom extension schemas, from its extension attribute definitions. */
export function customSchemas(definitions: readonly GqlExtensionAttribute[]): SchemaExtension[] {
  const bySchema = new Map<string, GqlExtensionAttribute[]>();
  for (const d of definitions) bySchema.set(d.schema, [...(bySchema.get(d.schema) ?? []), d]);
  return [...bySchema.entries()].map(([id, attributes]) => {
    const schema: SchemaDefinition = {
      id,
      name: id.split(':').slice(-3, -2)[0] ?? id,
      description: 'Organization-defined User extension',
      attributes: attributes.map((a) =>
        // The API only ever holds the types its input accepts (ExtensionAttributeInput.type).
        defineAttribute(a.name, a.type as AttributeType, {
          multiValued: a.multiValued,
          caseExact: a.caseExact,
          required: a.required,
          description: a.description ?? '',
          ...(a.canonicalValues.length > 0 && { canonicalValues: [...a.canonicalValues] }),
        }),
      ),
    };
    return { schema, required: attributes.some((a) => a.required) };
  });
}

const MAX_BUILT_USER_SCHEMAS = 256;

/**
 * The resource types of each organization. Building a User schema checks and freezes every attribute
 * definition, far too costly for every request, so one is built per set of definitions (a changed
 * definition is a new key). One instance per facade, made where its other dependencies are
 * (scim-facade.ts): two apps in one process do not share, or evict, each other's schemas.
 */
export class ResourceSchemas {
  /** Built schemas by their definitions' JSON; organizations mostly share a few, often none. */
  private readonly builtUserSchemas = new Map<string, ResourceSchema>();

  /** The User resource type of the caller's organization: core + enterprise + its own extensions. */
  async user(req: ScimRequest): Promise<ResourceSchema> {
    const { userExtensionAttributes } = await req.query(ScimUserExtensionAttributesDocument, {});
    const key = JSON.stringify(userExtensionAttributes);
    const built = this.builtUserSchemas.get(key);
    if (built) return built;
    const schema = userResourceSchema(customSchemas(userExtensionAttributes));
    if (this.builtUserSchemas.size >= MAX_BUILT_USER_SCHEMAS) this.builtUserSchemas.clear();
    this.builtUserSchemas.set(key, schema);
    return schema;
  }
}

/** The User resource type of the caller's organization, from the request's facade. */
export const userSchemaOf = (req: ScimRequest): Promise<ResourceSchema> => req.deps.schemas.user(req);

/** The Group resource type: the same for every organization, and frozen. */
export const GROUP_RESOURCE_SCHEMA = groupResourceSchema();
