import { groupToScim, memberIdsOf } from '../mapping/group-resource';
import { etagOf, versionFromEtag } from '../mapping/scim-meta';
import type {
  ScimGroupFragment as GqlGroup,
  ScimGroupMembersQuery,
  ScimListGroupsQueryVariables,
} from '../operations/generated';
import {
  ScimCreateGroupDocument as CREATE_GROUP,
  ScimDeleteGroupDocument as DELETE_GROUP,
  ScimGetGroupDocument as GET_GROUP,
  ScimGroupMembersDocument as GROUP_MEMBERS,
  ScimListGroupsDocument as LIST_GROUPS,
  ScimModifyGroupDocument as MODIFY_GROUP,
} from '../operations/generated';
import type { JsonObject, ListQuery, PatchOperation, ProjectionOptions } from '../protocol';
import {
  applyPatch,
  GROUP_SCHEMA,
  isAttributeReturned,
  parsePatchRequest,
  plainError,
  planGroupPatch,
  projectResource,
} from '../protocol';
import { GROUP_RESOURCE_SCHEMA as SCHEMA } from '../resource-schemas';
import type { ScimRequest } from '../scim-context';
import { listResources } from './list-resources';
import type { ListSpec } from './list-resources';
import { checkIfMatch, expectedVersionOf, resourceBody } from './request-body';
import type { ScimResult } from './scim-result';
import { projectionOf } from './users';

const MEMBER_PAGE = 1000;

type GqlGroupMember = ScimGroupMembersQuery['groupMembers']['nodes'][number];

const withMembers = (projection: ProjectionOptions) => isAttributeReturned(SCHEMA, projection, 'members');

/** Every member, read in pages of 1,000 so no single GraphQL answer grows with the group. */
export async function readMembers(req: ScimRequest, id: string): Promise<GqlGroupMember[]> {
  const members: GqlGroupMember[] = [];
  let after: string | null = null;
  for (;;) {
    const { groupMembers }: ScimGroupMembersQuery = await req.query(GROUP_MEMBERS, {
      id,
      first: MEMBER_PAGE,
      after,
    });
    members.push(...groupMembers.nodes);
    if (!groupMembers.pageInfo.hasNextPage) return members;
    after = groupMembers.pageInfo.endCursor;
  }
}

async function readGroup(req: ScimRequest, id: string): Promise<GqlGroup> {
  const { group } = await req.query(GET_GROUP, { id });
  if (!group) throw plainError(404, `Group ${id} not found`);
  return group;
}

/** Synchronous when members are not returned: a list of groups then maps 100 groups without 100 promises. */
function toScim(
  req: ScimRequest,
  group: GqlGroup,
  projection: ProjectionOptions,
  members = withMembers(projection),
): JsonObject | Promise<JsonObject> {
  const shown = (read?: GqlGroupMember[]) =>
    projectResource(groupToScim(group, read, req.baseUrl), SCHEMA, projection);
  return members ? readMembers(req, group.id).then(shown) : shown();
}

async function answer(
  req: ScimRequest,
  group: GqlGroup,
  projection: ProjectionOptions,
  status = 200,
): Promise<ScimResult> {
  return {
    status,
    body: await toScim(req, group, projection),
    etag: etagOf(group.version),
    ...(status === 201 && { location: `${req.baseUrl}/Groups/${group.id}` }),
  };
}

export function canonicalGroup(req: ScimRequest, attributes: JsonObject): JsonObject {
  const result = applyPatch({ schemas: [GROUP_SCHEMA] }, [{ op: 'add', value: attributes }], SCHEMA);
  req.note(...result.quirks, ...result.ignoredAttributes.map((name) => `ignored-attribute:${name}`));
  return result.resource;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Create and PUT always send displayName: a missing one is for the domain to reject (400 invalidValue). */
const displayNameOf = (resource: JsonObject): string =>
  typeof resource.displayName === 'string' ? resource.displayName : '';

/** What creating a canonical SCIM Group asks of GraphQL. */
export function groupInputOf(resource: JsonObject) {
  return {
    displayName: displayNameOf(resource),
    externalId: text(resource.externalId),
    memberIds: memberIdsOf(resource),
  };
}

export async function getGroup(
  req: ScimRequest,
  id: string,
  projection: ProjectionOptions,
  ifNoneMatch?: string,
) {
  const group = await readGroup(req, id);
  if (ifNoneMatch !== undefined && versionFromEtag(ifNoneMatch) === group.version)
    return { status: 304, etag: etagOf(group.version) };
  return answer(req, group, projection);
}

/** How a list of groups is read and shown: for GET /Groups and both .search endpoints. */
export function groupListSpec(
  req: ScimRequest,
  query: ListQuery,
): ListSpec<GqlGroup, ScimListGroupsQueryVariables> {
  const projection = projectionOf(query);
  const members = withMembers(projection);
  return {
    document: LIST_GROUPS,
    field: 'groups',
    schema: SCHEMA,
    toScim: (group) => toScim(req, group, projection, members),
  };
}

export async function listGroups(req: ScimRequest, query: ListQuery): Promise<ScimResult> {
  return listResources(req, query, groupListSpec(req, query));
}

export async function createGroup(
  req: ScimRequest,
  body: unknown,
  projection: ProjectionOptions,
): Promise<ScimResult> {
  const resource = canonicalGroup(req, resourceBody(body, SCHEMA, req));
  const { createGroup: group } = await req.query(CREATE_GROUP, { input: groupInputOf(resource) });
  req.created.groups += 1;
  return answer(req, group, projection, 201);
}

/** PUT: new attributes and exactly the listed members, in one transaction. */
export async function replaceGroup(
  req: ScimRequest,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
  projection: ProjectionOptions,
) {
  const resource = canonicalGroup(req, resourceBody(body, SCHEMA, req));
  const expectedVersion = expectedVersionOf(ifMatch);
  const { modifyGroup: group } = await req.query(MODIFY_GROUP, {
    id,
    input: {
      displayName: displayNameOf(resource),
      externalId: text(resource.externalId),
      members: { set: memberIdsOf(resource) },
    },
    expectedVersion: expectedVersion ?? null,
  });
  return answer(req, group, projection);
}

/**
 * Member operations become membership changes (adding 1 member to a group of 100,000 is one
 * insert), never a rewrite of the group; attribute operations are applied to the group's own
 * attributes. All of it commits in one transaction.
 */
export async function patchGroup(
  req: ScimRequest,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
  projection: ProjectionOptions,
) {
  const { operations, quirks } = parsePatchRequest(body);
  const plan = planGroupPatch(operations, SCHEMA);
  req.note(...quirks, ...plan.quirks);
  const expected = versionFromEtag(ifMatch);
  const set = plan.replaceMembersWith ?? (plan.removeAllMembers ? [] : undefined);
  const { modifyGroup: group } = await req.query(MODIFY_GROUP, {
    id,
    input: {
      ...(await changedByPatch(req, id, plan.attributeOperations, expected)),
      members: { ...(set && { set }), add: plan.membersToAdd, remove: plan.membersToRemove },
    },
    expectedVersion: expected ?? null,
  });
  // RFC 7644 §3.5.2 allows 204; a group's full member list can be very large, so it is only sent on request.
  if (!projection.attributes?.length) return { status: 204, etag: etagOf(group.version) };
  return answer(req, group, projection);
}

/**
 * The attributes the PATCH's attribute operations change. A members-only PATCH without If-Match (a
 * push group's every change) needs no read: modifyGroup answers 404 for an unknown group itself.
 */
async function changedByPatch(
  req: ScimRequest,
  id: string,
  operations: readonly PatchOperation[],
  expected: number | null | undefined,
) {
  if (operations.length === 0 && expected === undefined) return {};
  const current = await readGroup(req, id);
  checkIfMatch(expected, current.version);
  const patched = applyPatch(groupToScim(current, undefined, req.baseUrl), operations, SCHEMA);
  req.note(...patched.quirks, ...patched.ignoredAttributes.map((name) => `ignored-attribute:${name}`));
  return changedAttributes(current, patched.resource);
}

/**
 * Only the attributes the PATCH changed: the group was read before this request's transaction, and
 * sending an unchanged value back would undo a rename that committed in between (a lost update).
 * Group attributes are single-valued, so a changed value does not depend on the one read.
 */
function changedAttributes(current: GqlGroup, patched: JsonObject) {
  const displayName = displayNameOf(patched);
  const externalId = text(patched.externalId);
  return {
    ...(displayName !== current.displayName && { displayName }),
    ...(externalId !== current.externalId && { externalId }),
  };
}

export async function deleteGroup(
  req: ScimRequest,
  id: string,
  ifMatch: string | undefined,
): Promise<ScimResult> {
  const expectedVersion = expectedVersionOf(ifMatch);
  await req.query(DELETE_GROUP, { id, expectedVersion: expectedVersion ?? null });
  return { status: 204 };
}
