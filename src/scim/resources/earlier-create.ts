/**
 * The resource an earlier attempt of a create already made: what lets a whole Bulk request be sent
 * again after a crash (IdPs and scripts retry whole requests) without its `bulkId` references
 * breaking. "Earlier attempt" is judged conservatively, from the stored resource alone: it must be
 * exactly what the create would make now — every attribute the create sets has the stored value,
 * and every attribute it leaves out is unassigned in the store (or at its create default) — so a
 * different resource that merely holds the same userName or displayName is never taken for it.
 */
import { userInputFromScim } from '../mapping/user-input';
import { userToScim } from '../mapping/user-resource';
import {
  ScimListGroupsDocument as LIST_GROUPS,
  ScimUserByUserNameDocument as USER_BY_USER_NAME,
} from '../operations/generated';
import { GROUP_RESOURCE_SCHEMA, userSchemaOf } from '../resource-schemas';
import type { ScimRequest } from '../scim-context';
import { canonicalGroup, groupInputOf, readMembers } from './groups';
import { resourceBody } from './request-body';
import { stableJson } from './json-comparison';
import { canonicalUser } from './users';

/** Groups sharing a displayName looked at; past that, none is taken for the earlier one. */
const GROUP_CANDIDATES = 50;

/**
 * The user this POST body would create, when it exists already: the same userName (exactly, not
 * only the same case-insensitive key), equal attributes, and a password iff the body sets one.
 * The password itself is stored as a one-way hash and cannot be compared through the API; a user
 * equal in everything else is the same account for the references of one request.
 */
export async function userCreatedEarlier(req: ScimRequest, body: unknown): Promise<string | undefined> {
  const schema = await userSchemaOf(req);
  const wanted = canonicalUser(req, resourceBody(body, schema, req), schema);
  if (typeof wanted.userName !== 'string' || wanted.userName === '') return undefined;
  const { users } = await req.query(USER_BY_USER_NAME, {
    filter: { condition: { attribute: 'userName', op: 'EQ', value: wanted.userName } },
    withGroups: false,
  });
  const stored = users.nodes[0];
  if (!stored || stored.userName !== wanted.userName) return undefined;
  const setsPassword = typeof wanted.password === 'string' && wanted.password !== '';
  if (stored.hasPassword !== setsPassword) return undefined;
  const asCreated = userInputFromScim(userToScim(stored, req.baseUrl, schema), schema);
  return comparableUser(userInputFromScim(wanted, schema)) === comparableUser(asCreated)
    ? stored.id
    : undefined;
}

/** A UserInput with the password left out, unassigned values dropped and `active` at its create default. */
function comparableUser(input: object): string {
  const { password: _password, active, ...rest } = input as Record<string, unknown>;
  return stableJson({ ...(assigned(rest) as object | undefined), active: active ?? true });
}

/**
 * The group this POST body would create, when one exists already: the same displayName (exactly),
 * the same externalId (both absent or equal) and exactly the same members. Groups have no
 * uniqueness key, so several may qualify; the first (oldest) is taken.
 */
export async function groupCreatedEarlier(req: ScimRequest, body: unknown): Promise<string | undefined> {
  const wanted = groupInputOf(canonicalGroup(req, resourceBody(body, GROUP_RESOURCE_SCHEMA, req)));
  if (wanted.displayName === '') return undefined;
  const { groups } = await req.query(LIST_GROUPS, {
    filter: { condition: { attribute: 'displayName', op: 'EQ', value: wanted.displayName } },
    first: GROUP_CANDIDATES,
  });
  const members = new Set(wanted.memberIds);
  for (const group of groups.nodes) {
    if (group.displayName !== wanted.displayName || group.externalId !== wanted.externalId) continue;
    const stored = (await readMembers(req, group.id)).map((member) => member.id);
    if (stored.length === members.size && stored.every((id) => members.has(id))) return group.id;
  }
  return undefined;
}

/** RFC 7643 §2.5: null, "", [] and {} are unassigned; dropped at every depth so both sides agree. */
function assigned(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) {
    const items = value.map(assigned).filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value !== 'object') return value;
  const entries = Object.entries(value)
    .map(([key, item]) => [key, assigned(item)] as const)
    .filter(([, item]) => item !== undefined);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}
