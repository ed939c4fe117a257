import { versionFromEtag, etagOf } from '../mapping/scim-meta';
import { patchedUserInput, userInputFromScim } from '../mapping/user-input';
import { userToScim } from '../mapping/user-resource';
import type { ScimUserFragment as GqlUser, ScimListUsersQueryVariables } from '../operations/generated';
import {
  ScimCreateUserDocument as CREATE_USER,
  ScimDeleteUserDocument as DELETE_USER,
  ScimGetUserDocument as GET_USER,
  ScimListUsersDocument as LIST_USERS,
  ScimMeDocument as ME,
  ScimReplaceUserDocument as REPLACE_USER,
} from '../operations/generated';
import type { JsonObject, ListQuery, PatchOperation, ProjectionOptions, ResourceSchema } from '../protocol';
import {
  applyPatch,
  isAttributeReturned,
  parseAttributeList,
  parsePatchRequest,
  plainError,
  projectResource,
  USER_SCHEMA,
} from '../protocol';
import { userSchemaOf } from '../resource-schemas';
import type { ScimRequest } from '../scim-context';
import { GraphqlCallError } from '../graphql/graphql-executor';
import { sameJson } from './json-comparison';
import { listResources } from './list-resources';
import type { ListSpec } from './list-resources';
import { checkIfMatch, expectedVersionOf, resourceBody } from './request-body';
import type { ScimResult } from './scim-result';

/** How often a PATCH re-reads and re-applies when a concurrent write moved the version. */
const PATCH_ATTEMPTS = 12;

/**
 * Full-jitter exponential backoff before re-reading: PATCHes racing on one user (an IdP pushing
 * attribute changes in parallel) would otherwise collide again on every attempt, one winner a round.
 */
const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(5 * 2 ** attempt, 250)));

const withGroups = (schema: ResourceSchema, projection: ProjectionOptions) =>
  isAttributeReturned(schema, projection, 'groups');

function answer(
  req: ScimRequest,
  user: GqlUser,
  schema: ResourceSchema,
  projection: ProjectionOptions,
  status = 200,
): ScimResult {
  const resource = userToScim(user, req.baseUrl, schema);
  return {
    status,
    body: projectResource(resource, schema, projection),
    etag: etagOf(user.version),
    ...(status === 201 && { location: `${req.baseUrl}/Users/${user.id}` }),
  };
}

async function readUser(req: ScimRequest, id: string, groups: boolean): Promise<GqlUser> {
  const { user } = await req.query(GET_USER, { id, withGroups: groups });
  if (!user) throw plainError(404, `User ${id} not found`);
  return user;
}

/** A canonical resource from a partial one: names in schema spelling, values of the right type. */
export function canonicalUser(req: ScimRequest, attributes: JsonObject, schema: ResourceSchema): JsonObject {
  const result = applyPatch({ schemas: [USER_SCHEMA] }, [{ op: 'add', value: attributes }], schema);
  req.note(...result.quirks, ...result.ignoredAttributes.map((name) => `ignored-attribute:${name}`));
  return result.resource;
}

export async function getUser(
  req: ScimRequest,
  id: string,
  projection: ProjectionOptions,
  ifNoneMatch?: string,
) {
  const schema = await userSchemaOf(req);
  const user = await readUser(req, id, withGroups(schema, projection));
  if (ifNoneMatch !== undefined && versionFromEtag(ifNoneMatch) === user.version)
    return { status: 304, etag: etagOf(user.version) };
  return answer(req, user, schema, projection);
}

/** How a list of users is read and shown: for GET /Users and both .search endpoints. */
export async function userListSpec(
  req: ScimRequest,
  query: ListQuery,
): Promise<ListSpec<GqlUser, ScimListUsersQueryVariables>> {
  const schema = await userSchemaOf(req);
  return {
    document: LIST_USERS,
    field: 'users',
    schema,
    variables: { withGroups: withGroups(schema, projectionOf(query)) },
    toScim: (user, params) => projectResource(userToScim(user, req.baseUrl, schema), schema, params),
  };
}

export async function listUsers(req: ScimRequest, query: ListQuery): Promise<ScimResult> {
  return listResources(req, query, await userListSpec(req, query));
}

export async function createUser(
  req: ScimRequest,
  body: unknown,
  projection: ProjectionOptions,
): Promise<ScimResult> {
  const schema = await userSchemaOf(req);
  const resource = canonicalUser(req, resourceBody(body, schema, req), schema);
  // A user created a moment ago belongs to no group: no need to ask.
  const { createUser: user } = await req.query(CREATE_USER, {
    input: userInputFromScim(resource, schema),
    withGroups: false,
  });
  req.created.users += 1;
  return answer(req, user, schema, projection, 201);
}

export async function replaceUser(
  req: ScimRequest,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
  projection: ProjectionOptions,
) {
  const schema = await userSchemaOf(req);
  const resource = canonicalUser(req, resourceBody(body, schema, req), schema);
  const expectedVersion = expectedVersionOf(ifMatch);
  const { replaceUser: user } = await req.query(REPLACE_USER, {
    id,
    input: userInputFromScim(resource, schema),
    expectedVersion: expectedVersion ?? null,
    withGroups: withGroups(schema, projection),
  });
  return answer(req, user, schema, projection);
}

/**
 * RFC 7644 §3.5.2: read → apply (pure) → replace at the version read. PATCHes of one user queue
 * (WriteLocks: in this process, or across instances with REDIS_URL); any other write makes the
 * replace fail with a version conflict, and then the PATCH is applied again to the new state, so no
 * update is lost. With If-Match the
 * caller asked for that exact version, so a conflict is a 412.
 */
export async function patchUser(
  req: ScimRequest,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
  projection: ProjectionOptions,
) {
  const schema = await userSchemaOf(req);
  const { operations, quirks } = parsePatchRequest(body);
  req.note(...quirks);
  const expected = versionFromEtag(ifMatch);
  return req.deps.writeLocks.run(`${req.caller.organizationId}:User:${id}`, async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await patchOnce(req, id, operations, expected, schema, projection);
      } catch (error) {
        const conflict = error instanceof GraphqlCallError && error.code === 'VERSION_CONFLICT';
        if (!conflict || expected !== undefined || attempt >= PATCH_ATTEMPTS) throw error;
        await backoff(attempt);
      }
    }
  });
}

async function patchOnce(
  req: ScimRequest,
  id: string,
  operations: readonly PatchOperation[],
  expected: number | null | undefined,
  schema: ResourceSchema,
  projection: ProjectionOptions,
): Promise<ScimResult> {
  // The groups shown are read with the user, in the same statement, and kept out of what the PATCH
  // applies to (as when they were not read). Writing a user never changes the groups it is in
  // (memberships are written through groups), so those read before the replace are its groups as
  // of the write: a group change racing this PATCH may land before or after either read.
  const read = await readUser(req, id, withGroups(schema, projection));
  const { groups, ...current } = read;
  checkIfMatch(expected, current.version);
  const resource = userToScim(current, req.baseUrl, schema);
  const patched = applyPatch(resource, operations, schema);
  req.note(...patched.quirks, ...patched.ignoredAttributes.map((name) => `ignored-attribute:${name}`));
  const input = patchedUserInput(patched.resource, schema);
  // Okta re-sends the same deactivation; a PATCH that changes nothing writes nothing.
  if (sameJson(input, userInputFromScim(resource, schema))) return answer(req, read, schema, projection);
  const { replaceUser: user } = await req.query(REPLACE_USER, {
    id,
    input,
    expectedVersion: current.version,
    withGroups: false,
  });
  return answer(req, { ...user, groups }, schema, projection);
}

export async function deleteUser(
  req: ScimRequest,
  id: string,
  ifMatch: string | undefined,
): Promise<ScimResult> {
  const expectedVersion = expectedVersionOf(ifMatch);
  await req.query(DELETE_USER, { id, expectedVersion: expectedVersion ?? null });
  return { status: 204 };
}

/** /Me: the user a JWT's subject names (RFC 7644 §3.11). */
export async function getMe(req: ScimRequest, projection: ProjectionOptions): Promise<ScimResult> {
  const schema = await userSchemaOf(req);
  const { viewer } = await req.query(ME, {
    withGroups: withGroups(schema, projection),
  });
  if (!viewer.user) throw plainError(404, 'The authenticated subject is not a user of this organization');
  return answer(req, viewer.user, schema, projection);
}

export function projectionOf(query: ListQuery): ProjectionOptions {
  return {
    attributes: parseAttributeList(query.attributes, 'attributes'),
    excludedAttributes: parseAttributeList(query.excludedAttributes, 'excludedAttributes'),
  };
}
