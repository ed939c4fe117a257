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
}

/**
 * The persistence port. Reads may use `repositories` directly; every write runs in `transaction`,
 * so a change and its audit event commit together or not at all.
 */
export interface Store {
  readonly repositories: Repositories;
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Resolves when the database answers; rejects with DomainError UNAVAILABLE otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
