import type { RequestContext } from '../../../src/domain/auth/request-context';
import type { GroupRecord } from '../../../src/domain/groups/group';
import type { Services } from '../../../src/domain/services';
import { uuidV7 } from '../../../src/domain/shared/uuid-v7';
import type { UserRecord } from '../../../src/domain/users/user';
import type { UserTextAttribute } from '../../../src/domain/users/user-catalog';
import { USER_TEXT } from '../../../src/domain/users/user-catalog';

export const ORGANIZATION_ID = uuidV7();

export const requestContext = (overrides: Partial<RequestContext> = {}): RequestContext => ({
  principal: {
    organizationId: ORGANIZATION_ID,
    subject: 'token:test',
    scopes: ['identity:admin'],
    kind: 'token',
  },
  channel: 'graphql',
  requestId: 'req-1',
  ...overrides,
});

export function aUser(overrides: Partial<UserRecord> = {}): UserRecord {
  const now = new Date('2024-05-01T10:00:00Z');
  return {
    id: uuidV7(),
    organizationId: ORGANIZATION_ID,
    userName: 'ann',
    externalId: null,
    active: true,
    ...(Object.fromEntries(Object.keys(USER_TEXT).map((key) => [key, null])) as Record<
      UserTextAttribute,
      null
    >),
    displayName: 'Ann',
    name: null,
    emails: [],
    phoneNumbers: [],
    ims: [],
    photos: [],
    entitlements: [],
    roles: [],
    x509Certificates: [],
    addresses: [],
    enterprise: null,
    extensions: {},
    hasPassword: true,
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

export function aGroup(overrides: Partial<GroupRecord> = {}): GroupRecord {
  const now = new Date('2024-05-01T10:00:00Z');
  return {
    id: uuidV7(),
    organizationId: ORGANIZATION_ID,
    displayName: 'Admins',
    externalId: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

type DeepPartial<T> = { [K in keyof T]?: Partial<T[K]> };

/**
 * Services for GraphQL-layer tests: an in-memory set of users and groups behind the read methods
 * resolvers call, with `overrides` for anything a test needs to control. A method nobody stubbed
 * throws, so a test never passes by accident.
 */
export function stubServices(
  data: { users?: UserRecord[]; groups?: GroupRecord[] } = {},
  overrides: DeepPartial<Services> = {},
) {
  const users = new Map((data.users ?? []).map((u) => [u.id, u]));
  const groups = new Map((data.groups ?? []).map((g) => [g.id, g]));
  const calls = { findManyUsers: [] as string[][], countUsers: 0 };
  const services = {
    users: {
      find: async (_ctx: RequestContext, id: string) => users.get(id) ?? null,
      findMany: async (_ctx: RequestContext, ids: readonly string[]) => {
        calls.findManyUsers.push([...ids]);
        return ids.map((id) => users.get(id) ?? null);
      },
      list: async () => ({
        items: [...users.values()].map((node) => ({ node, cursor: `c-${node.id}` })),
        hasNextPage: false,
        hasPreviousPage: false,
        // Unknown, so totalCount goes through count() as it does for a page mid-list.
        knownTotal: null,
      }),
      count: async () => {
        calls.countUsers += 1;
        return users.size;
      },
      ...overrides.users,
    },
    groups: {
      find: async (_ctx: RequestContext, id: string) => groups.get(id) ?? null,
      findMany: async (_ctx: RequestContext, ids: readonly string[]) =>
        ids.map((id) => groups.get(id) ?? null),
      ...overrides.groups,
    },
    memberships: {
      groupsOfUsers: async (_ctx: RequestContext, ids: readonly string[]) => ids.map(() => []),
      ...overrides.memberships,
    },
    tokens: { ...overrides.tokens },
    organizations: { ...overrides.organizations },
    audit: { ...overrides.audit },
  } as unknown as Services;
  return { services, calls };
}
