import type { AuditEventRecord } from './audit/audit-event';
import type { AuditRepository } from './audit/audit.repository';
import type { EventFeedRepository } from './events/change-event';
import type { ConnectionHealthRepository } from './connections/connection-health.repository';
import type { ConnectionRepository } from './connections/connection.repository';
import type { RequestLogRepository } from './connections/request-log.repository';
import type { ExtensionAttributeRepository } from './extensions/extension-attribute.repository';
import type { GroupRepository, MembershipRepository } from './groups/group.repository';
import type { OrganizationRepository } from './organizations/organization.repository';
import type { ApiTokenRepository } from './tokens/api-token.repository';
import type { SetupLinkRepository } from './setup-links/setup-link.repository';
import type { UserRepository } from './users/user.repository';
import type { ServiceSettingRepository } from './webhooks/secret-box';
import type { WebhookOutbox } from './webhooks/webhook-outbox';
import type { WebhookDeliveryRepository, WebhookEndpointRepository } from './webhooks/webhook.repository';

export interface Repositories {
  readonly users: UserRepository;
  readonly groups: GroupRepository;
  readonly memberships: MembershipRepository;
  readonly tokens: ApiTokenRepository;
  readonly organizations: OrganizationRepository;
  readonly audit: AuditRepository;
  readonly extensionAttributes: ExtensionAttributeRepository;
  readonly events: EventFeedRepository;
  readonly connections: ConnectionRepository;
  readonly connectionHealth: ConnectionHealthRepository;
  readonly requestLog: RequestLogRepository;
  readonly setupLinks: SetupLinkRepository;
  readonly webhookEndpoints: WebhookEndpointRepository;
  readonly webhookDeliveries: WebhookDeliveryRepository;
  /** What the delivery worker leases and settles (src/webhooks/webhook-worker.ts). */
  readonly webhookOutbox: WebhookOutbox;
  readonly settings: ServiceSettingRepository;
}

/**
 * A request that runs as it would but commits nothing (a DRY_RUN connection's request). Created by
 * `Store.rehearse` around the request; `begin` switches it on once the caller is known to be a
 * dry-run one. From then on every read and write of the store made inside the scope — plain reads,
 * and every `transaction`, which becomes a savepoint — runs on one transaction, so later steps of
 * the request (a PATCH's replace after its read, a Bulk's next operation) see the earlier would-be
 * writes; `end` rolls it all back.
 */
export interface Rehearsal {
  readonly begun: boolean;
  /** Opens the rehearsal's transaction (once; later calls wait for the first). */
  begin(): Promise<void>;
  /**
   * Rolls everything back and returns the audit rows the rehearsed writes produced, in order
   * (those of a transaction that failed and rolled back to its savepoint are left out). Any use of
   * the store inside the scope afterwards fails with UNAVAILABLE rather than committing.
   */
  end(): Promise<readonly AuditEventRecord[]>;
}

/**
 * The persistence port. Reads may use `repositories` directly; every write runs in `transaction`,
 * so a change and its audit event commit together or not at all.
 */
export interface Store {
  readonly repositories: Repositories;
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Runs `work` (and everything it starts) in a new rehearsal scope; nothing changes until `begin`. */
  rehearse<T>(work: (rehearsal: Rehearsal) => T): T;
  /** The rehearsal whose scope this runs in (begun or not); null outside every rehearsal scope. */
  currentRehearsal(): Rehearsal | null;
  /**
   * Runs `work` (and everything it starts) outside every rehearsal scope, as the code around the
   * scope runs: a request's held answer is sent this way (its `finish` listeners start other work).
   */
  outsideRehearsal<T>(work: () => T): T;
  /** Resolves when the database answers; rejects with DomainError UNAVAILABLE otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
