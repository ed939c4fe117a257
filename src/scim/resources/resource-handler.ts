/**
 * One interface for the operations of a SCIM resource type, shared by the 2.0 router, the 1.1
 * router and Bulk: a new resource type is one more entry in RESOURCE_HANDLERS, a new method one more
 * member here, and every entry point gets it.
 */
import type { ListQuery, ProjectionOptions } from '../protocol';
import type { ScimRequest } from '../scim-context';
import { groupCreatedEarlier, userCreatedEarlier } from './earlier-create';
import * as groups from './groups';
import type { AnyListSpec } from './list-resources';
import { listResources } from './list-resources';
import type { ScimResult } from './scim-result';
import * as users from './users';

export type ResourceTypeName = 'User' | 'Group';

export interface ResourceHandler {
  readonly type: ResourceTypeName;
  /** The path under the SCIM base, e.g. `/Users`. */
  readonly endpoint: string;
  /** How a list of this type is read and shown (GET, `.search` and the root `/.search`). */
  listSpec(req: ScimRequest, query: ListQuery): Promise<AnyListSpec>;
  get(req: ScimRequest, id: string, projection: ProjectionOptions, ifNoneMatch?: string): Promise<ScimResult>;
  create(req: ScimRequest, body: unknown, projection: ProjectionOptions): Promise<ScimResult>;
  replace(
    req: ScimRequest,
    id: string,
    body: unknown,
    ifMatch: string | undefined,
    projection: ProjectionOptions,
  ): Promise<ScimResult>;
  patch(
    req: ScimRequest,
    id: string,
    body: unknown,
    ifMatch: string | undefined,
    projection: ProjectionOptions,
  ): Promise<ScimResult>;
  remove(req: ScimRequest, id: string, ifMatch: string | undefined): Promise<ScimResult>;
  /** The id of an existing resource that is exactly what `create(body)` would make, if any. */
  createdEarlier(req: ScimRequest, body: unknown): Promise<string | undefined>;
}

const USERS: ResourceHandler = {
  type: 'User',
  endpoint: '/Users',
  listSpec: users.userListSpec,
  get: users.getUser,
  create: users.createUser,
  replace: users.replaceUser,
  patch: users.patchUser,
  remove: users.deleteUser,
  createdEarlier: userCreatedEarlier,
};

const GROUPS: ResourceHandler = {
  type: 'Group',
  endpoint: '/Groups',
  listSpec: async (req, query) => groups.groupListSpec(req, query),
  get: groups.getGroup,
  create: groups.createGroup,
  replace: groups.replaceGroup,
  patch: groups.patchGroup,
  remove: groups.deleteGroup,
  createdEarlier: groupCreatedEarlier,
};

/** Every resource type, in the order a search of all of them lists them. */
export const RESOURCE_HANDLERS: readonly ResourceHandler[] = [USERS, GROUPS];

const BY_TYPE: Readonly<Record<ResourceTypeName, ResourceHandler>> = { User: USERS, Group: GROUPS };

export function handlerOf(type: ResourceTypeName): ResourceHandler {
  return BY_TYPE[type];
}

/** GET /Users, GET /Groups and their `.search`. */
export async function listOf(
  handler: ResourceHandler,
  req: ScimRequest,
  query: ListQuery,
): Promise<ScimResult> {
  return listResources(req, query, await handler.listSpec(req, query));
}
