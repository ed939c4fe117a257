import type { Channel } from '../auth/request-context';
import type { EmittedEvent } from '../events/change-event';

export type AuditTargetType =
  'User' | 'Group' | 'ApiToken' | 'Organization' | 'ExtensionAttribute' | 'Connection' | 'SetupLink';

/** What an audit event records: a closed set, so a misspelt action cannot reach the trail. */
export const AUDIT_ACTIONS = [
  'user.create',
  'user.replace',
  'user.update',
  'user.activate',
  'user.deactivate',
  'user.delete',
  'group.create',
  'group.update',
  'group.modify',
  'group.members.add',
  'group.members.remove',
  'group.members.set',
  'group.delete',
  'token.create',
  'token.rotate',
  'token.revoke',
  'extension.define',
  'extension.remove',
  'organization.create',
  'organization.rename',
  'organization.delete',
  'connection.create',
  'connection.rotate',
  'connection.revokeToken',
  'connection.status',
  'connection.rename',
  'connection.delete',
  'setupLink.create',
  'setupLink.revoke',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A change summary never holds secrets: field names, counts and non-sensitive identifiers only. */
export type ChangeSummary = Readonly<Record<string, unknown>>;

export interface AuditEventRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly actor: string;
  readonly channel: Channel;
  readonly action: AuditAction;
  readonly targetType: AuditTargetType;
  readonly targetId: string;
  readonly changes: ChangeSummary;
  readonly notes: readonly string[];
  readonly requestId: string;
  readonly occurredAt: Date;
  /** Set when this row is also a change event: it then gets the next sequence number when inserted. */
  readonly event?: EmittedEvent | null;
  /** 2, 3, … for the further events of one change (hidden from the audit view). */
  readonly eventPart?: number | null;
}

export interface AuditEventFilter {
  readonly action?: string | null;
  readonly targetType?: AuditTargetType | null;
  readonly targetId?: string | null;
  readonly actor?: string | null;
  readonly channel?: Channel | null;
  readonly since?: Date | null;
  readonly until?: Date | null;
}
