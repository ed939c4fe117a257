import type { JsonObject, ResourceSchema } from '../protocol';
import { ScimError } from '../protocol';
import type { ScimRequest } from '../scim-context';

/** The body of a resource write: a JSON object whose `schemas` names at least one of the resource's. */
export function resourceBody(body: unknown, schema: ResourceSchema, req: ScimRequest): JsonObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ScimError(400, 'invalidSyntax', 'The request body must be a JSON object');
  }
  const resource = body as JsonObject;
  const schemas = resource.schemas;
  if (!Array.isArray(schemas) || schemas.some((s) => typeof s !== 'string')) {
    throw new ScimError(400, 'invalidSyntax', `"schemas" must be a list that includes ${schema.core.id}`);
  }
  const known = [schema.core.id, ...schema.extensions.map((e) => e.schema.id)].map((urn) =>
    urn.toLowerCase(),
  );
  const named = (schemas as string[]).map((urn) => urn.toLowerCase());
  if (!named.some((urn) => known.includes(urn))) {
    throw new ScimError(
      400,
      'invalidSyntax',
      `"schemas" names none of the ${schema.name} schemas (${schema.core.id})`,
    );
  }
  // Extra URIs beside ours are tolerated (Entra adds a Microsoft one to groups), and noted.
  for (const urn of schemas as string[])
    if (!known.includes(urn.toLowerCase())) req.note(`ignored-schema:${urn}`);
  const { schemas: _schemas, meta: _meta, id: _id, ...attributes } = resource;
  return attributes;
}

/** The `If-Match` version, if any: a tag that is not ours can never match, so the write fails with 412. */
export function requireMatch(expected: number | null | undefined, actual: number): void {
  if (expected !== undefined && expected !== actual) {
    throw new ScimError(
      412,
      undefined,
      'The resource has changed since it was read (If-Match does not match its ETag)',
    );
  }
}
