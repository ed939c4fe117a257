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
const MAX_ORGANIZATIONS = 10_000;
/**
 * How long an organization's User schema is answered from memory when no change notice arrives.
 * What it is built from may itself be up to DEFINITIONS_CACHE_MS old (the domain's cache on an
 * instance that did not make the change), so the two together stay within the 5 s an instance
 * without a change notice has always taken to see another's new definition.
 */
export const USER_SCHEMA_CACHE_MS = 2_500;

/** Tells the facade that an organization's extension definitions changed (this instance or, with Redis, any). */
export interface DefinitionChanges {
  subscribe(listener: (organizationId: string) => void): void;
}

/**
 * The resource types of each organization. Building a User schema checks and freezes every attribute
 * definition, far too costly for every request, so one is built per set of definitions (a changed
 * definition is a new key). Which set an organization has is itself remembered per organization
 * (and per set of scopes: the query's authorization depends on nothing else), so a SCIM request
 * makes no GraphQL call for it; a change notice for the organization forgets it at once, and
 * without one it is asked again after USER_SCHEMA_CACHE_MS. One instance per facade, made where its
 * other dependencies are (scim-facade.ts): two apps in one process do not share, or evict, each
 * other's schemas.
 */
export class ResourceSchemas {
  /** Built schemas by their definitions' JSON; organizations mostly share a few, often none. */
  private readonly builtUserSchemas = new Map<string, ResourceSchema>();
  /** Each organization's current schema, by the caller's scopes. */
  private readonly byOrganization = new Map<
    string,
    Map<string, { readonly schema: ResourceSchema; readonly until: number }>
  >();
  /** Bumped by every change notice: a query that straddles one must not fill the cache. */
  private generation = 0;

  constructor(
    changes?: DefinitionChanges,
    private readonly now: () => number = () => performance.now(),
  ) {
    changes?.subscribe((organizationId) => this.forget(organizationId));
  }

  /** The User resource type of the caller's organization: core + enterprise + its own extensions. */
  async user(req: ScimRequest): Promise<ResourceSchema> {
    const { organizationId, scopes } = req.caller;
    const scopeKey = scopes.join(' ');
    const now = this.now();
    const known = this.byOrganization.get(organizationId)?.get(scopeKey);
    if (known && known.until > now) return known.schema;
    const generation = this.generation;
    const { userExtensionAttributes } = await req.query(ScimUserExtensionAttributesDocument, {});
    const schema = this.built(userExtensionAttributes);
    if (generation === this.generation) {
      if (this.byOrganization.size >= MAX_ORGANIZATIONS) this.byOrganization.clear();
      let entries = this.byOrganization.get(organizationId);
      if (!entries) this.byOrganization.set(organizationId, (entries = new Map()));
      entries.set(scopeKey, { schema, until: now + USER_SCHEMA_CACHE_MS });
    }
    return schema;
  }

  /** Forgets an organization's schema: its definitions changed. */
  forget(organizationId: string): void {
    this.generation++;
    this.byOrganization.delete(organizationId);
  }

  private built(definitions: readonly GqlExtensionAttribute[]): ResourceSchema {
    const key = JSON.stringify(definitions);
    const built = this.builtUserSchemas.get(key);
    if (built) return built;
    const schema = userResourceSchema(customSchemas(definitions));
    if (this.builtUserSchemas.size >= MAX_BUILT_USER_SCHEMAS) this.builtUserSchemas.clear();
    this.builtUserSchemas.set(key, schema);
    return schema;
  }
}

/** The User resource type of the caller's organization, from the request's facade. */
export const userSchemaOf = (req: ScimRequest): Promise<ResourceSchema> => req.deps.schemas.user(req);

/** The Group resource type: the same for every organization, and frozen. */
export const GROUP_RESOURCE_SCHEMA = groupResourceSchema();
