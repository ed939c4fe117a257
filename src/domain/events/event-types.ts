/**
 * Every change-event type, one closed list: the feed's `types` filter, webhook subscriptions and
 * docs/events.md are checked against it. `connection.*` comes from ConnectionService, through
 * `recordAudit(..., { events })` like every other.
 */
export const EVENT_TYPES = [
  'user.created',
  'user.updated',
  'user.deactivated',
  'user.reactivated',
  'user.deleted',
  'group.created',
  'group.updated',
  'group.deleted',
  'group.members_added',
  'group.members_removed',
  'token.created',
  'token.rotated',
  'token.revoked',
  'connection.created',
  'connection.updated',
  'connection.deleted',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export const isEventType = (value: string): value is EventType =>
  (EVENT_TYPES as readonly string[]).includes(value);

/** Member ids per `group.members_added` / `group.members_removed` event. */
export const MEMBER_IDS_PER_EVENT = 1000;
