import type { ConnectionRecord } from '../connections/connection';
import type { GroupRecord } from '../groups/group';
import type { ApiTokenRecord } from '../tokens/api-token';
import type { UserAttributes, UserRecord } from '../users/user';
import type { EmittedEvent } from './change-event';
import type { EventType } from './event-types';
import { MEMBER_IDS_PER_EVENT } from './event-types';

/**
 * Event payloads: the resource as GraphQL returns it, so a consumer can act without another call.
 * Serialised as JSON (dates as ISO strings). Never a secret: users carry `hasPassword`, not the
 * hash; tokens their prefix, not the secret.
 */
type Data = Record<string, unknown>;

const userData = (user: UserRecord): Data => ({ ...user });

const groupData = (group: GroupRecord): Data => ({ ...group });

export const tokenData = (token: ApiTokenRecord): Data => ({
  id: token.id,
  name: token.name,
  prefix: token.prefix,
  scopes: token.scopes,
  expiresAt: token.expiresAt,
  revokedAt: token.revokedAt,
  createdBy: token.createdBy,
  createdAt: token.createdAt,
});

export const userCreated = (user: UserRecord): EmittedEvent => ({
  type: 'user.created',
  version: user.version,
  data: { user: userData(user) },
});

export const userDeleted = (user: UserRecord): EmittedEvent => ({
  type: 'user.deleted',
  version: user.version + 1,
  data: { user: userData(user) },
});

/**
 * One event per change: a change of `active` is `user.deactivated` / `user.reactivated` (with the
 * other changed attributes alongside), never only `user.updated`. `password` may be named in
 * `changedAttributes`; no value of it is ever included.
 */
export function userChanged(
  before: UserAttributes,
  after: UserRecord,
  changed: readonly string[],
): EmittedEvent {
  const type: EventType =
    before.active === after.active ? 'user.updated' : after.active ? 'user.reactivated' : 'user.deactivated';
  const previous = Object.fromEntries(
    changed
      .filter((name) => name !== 'password')
      .map((name) => [name, (before as unknown as Data)[name] ?? null]),
  );
  return {
    type,
    version: after.version,
    data: { user: userData(after), changedAttributes: changed, previous },
  };
}

export const groupCreated = (group: GroupRecord): EmittedEvent => ({
  type: 'group.created',
  version: group.version,
  data: { group: groupData(group) },
});

export const groupDeleted = (group: GroupRecord): EmittedEvent => ({
  type: 'group.deleted',
  version: group.version + 1,
  data: { group: groupData(group) },
});

export function groupUpdated(
  before: GroupRecord,
  after: GroupRecord,
  changed: readonly string[],
): EmittedEvent {
  const previous = Object.fromEntries(
    changed.map((name) => [name, (before as unknown as Data)[name] ?? null]),
  );
  return {
    type: 'group.updated',
    version: after.version,
    data: { group: groupData(after), changedAttributes: changed, previous },
  };
}

/** Member changes, the ids chunked at MEMBER_IDS_PER_EVENT per event; no event for no ids. */
export function memberEvents(
  group: GroupRecord,
  change: { readonly addedIds: readonly string[]; readonly removedIds: readonly string[] },
): EmittedEvent[] {
  const chunks = (type: EventType, ids: readonly string[]): EmittedEvent[] => {
    const events: EmittedEvent[] = [];
    for (let i = 0; i < ids.length; i += MEMBER_IDS_PER_EVENT) {
      events.push({
        type,
        version: group.version,
        data: { group: groupData(group), memberIds: ids.slice(i, i + MEMBER_IDS_PER_EVENT) },
      });
    }
    return events;
  };
  return [
    ...chunks('group.members_added', change.addedIds),
    ...chunks('group.members_removed', change.removedIds),
  ];
}

export const tokenEvent = (
  type: 'token.created' | 'token.rotated' | 'token.revoked',
  token: ApiTokenRecord,
) => ({
  type,
  version: null,
  data: { token: tokenData(token) },
});

/** Connections have no version; their tokens' secrets are never part of the record. */
export const connectionEvent = (
  type: 'connection.created' | 'connection.updated' | 'connection.deleted',
  connection: ConnectionRecord,
): EmittedEvent => ({ type, version: null, data: { connection: { ...connection } } });
