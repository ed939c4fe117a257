import type { JsonObject, ResourceSchema } from '../protocol';
import { badRequest, ENTERPRISE_USER_SCHEMA, LEGACY_SCHEMA_URN_QUIRK, plainError } from '../protocol';
import { versionFromEtag } from '../mapping/scim-meta';
import type { ScimRequest } from '../scim-context';

/**
 * Pre-RFC spellings some provisioning templates still send (seen from OneLogin's SCIM v2 apps):
 * `urn:scim:schemas:core:2.0` for the resource's core schema and the short enterprise URN.
 */
const LEGACY_CORE = 'urn:scim:schemas:core:2.0';
const LEGACY_ENTERPRISE = 'urn:scim:schemas:extension:enterprise:2.0';

/** The body with legacy schema URNs (in `schemas` and as extension keys) renamed to RFC 7643's. */
function withStandardUrns(resource: JsonObject, schema: ResourceSchema, req: ScimRequest): JsonObject {
  const schemas = resource.schemas;
  if (!Array.isArray(schemas)) return resource;
  const lower = schemas.map((urn) => (typeof urn === 'string' ? urn.toLowerCase() : urn));
  if (!lower.includes(LEGACY_CORE) && !lower.includes(LEGACY_ENTERPRISE)) return resource;
  req.note(LEGACY_SCHEMA_URN_QUIRK);
  const { [LEGACY_ENTERPRISE]: enterprise, ...rest } = resource;
  const rename = (urn: unknown) =>
    typeof urn !== 'string'
      ? urn
      : urn.toLowerCase() === LEGACY_CORE
        ? schema.core.id
        : urn.toLowerCase() === LEGACY_ENTERPRISE
          ? ENTERPRISE_USER_SCHEMA
          : urn;
  return {
    ...rest,
    schemas: schemas.map(rename) as JsonObject['schemas'],
    ...(enterprise !== undefined && { [ENTERPRISE_USER_SCHEMA]: enterprise }),
  };
}

/** The body of a resource write: a JSON object whose `schemas` names at least one of the resource's. */
export function resourceBody(body: unknown, schema: ResourceSchema, req: ScimRequest): JsonObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('invalidSyntax', 'The request body must be a JSON object');
  }
  const resource = withStandardUrns(body as JsonObject, schema, req);
  const schemas = resource.schemas;
  if (!Array.isArray(schemas) || schemas.some((s) => typeof s !== 'string')) {
    throw badRequest('invalidSyntax', `"schemas" must be a list that includes ${schema.core.id}`);
  }
  const known = [schema.core.id, ...schema.extensions.map((e) => e.schema.id)].map((urn) =>
    urn.toLowerCase(),
  );
  const named = (schemas as string[]).map((urn) => urn.toLowerCase());
  if (!named.some((urn) => known.includes(urn))) {
    throw badRequest(
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

const changedSinceRead = () =>
  plainError(412, 'The resource has changed since it was read (If-Match does not match its ETag)');

/**
 * The version an `If-Match` header asks for: undefined without the header. A tag that is not ours
 * can never match, so the write fails with 412 before anything is read.
 */
export function expectedVersionOf(ifMatch: string | undefined): number | undefined {
  const expected = versionFromEtag(ifMatch);
  if (expected === null) throw changedSinceRead();
  return expected;
}

/** 412 unless the stored version is the one `If-Match` asked for (null: a tag that is not ours). */
export function checkIfMatch(expected: number | null | undefined, stored: number): void {
  if (expected !== undefined && expected !== stored) throw changedSinceRead();
}
