import { AuditService } from './audit/audit.service';
import { EventService } from './events/event.service';
import { ConnectionHealthService } from './connections/connection-health.service';
import { ConnectionTokenService } from './connections/connection-token.service';
import { ConnectionService } from './connections/connection.service';
import { RequestLogService } from './connections/request-log.service';
import { ExtensionAttributeService } from './extensions/extension-attribute.service';
import { GroupMembershipService } from './groups/group-membership.service';
import { GroupService } from './groups/group.service';
import { GroupWriteService } from './groups/group-write.service';
import { OrganizationAdminService } from './organizations/organization-admin.service';
import { OrganizationService } from './organizations/organization.service';
import { SetupLinkService } from './setup-links/setup-link.service';
import type { Clock } from './shared/clock';
import type { Store } from './store';
import { ApiTokenService } from './tokens/api-token.service';
import type { PasswordHasher } from './users/password-hasher';
import { UserService } from './users/user.service';

/** The domain's use cases, as the composition root builds them. */
export interface Services {
  readonly users: UserService;
  readonly groups: GroupService;
  readonly memberships: GroupMembershipService;
  /** Every change to an existing group: attributes and members, one locking strategy. */
  readonly groupWrites: GroupWriteService;
  readonly tokens: ApiTokenService;
  readonly organizations: OrganizationService;
  /** Organizations as the embedding platform manages them (platform:admin). */
  readonly organizationAdmin: OrganizationAdminService;
  readonly audit: AuditService;
  readonly extensionAttributes: ExtensionAttributeService;
  readonly events: EventService;
  readonly connections: ConnectionService;
  readonly connectionTokens: ConnectionTokenService;
  readonly connectionHealth: ConnectionHealthService;
  readonly requestLog: RequestLogService;
  readonly setupLinks: SetupLinkService;
}

export interface ServiceOptions {
  /** PUBLIC_URL, which a connection's Base URL starts with. */
  readonly publicUrl?: string;
  /** REQUEST_LOG_DAYS. */
  readonly requestLogDays?: number;
  /** How far back the events feed reaches (EVENT_RETENTION_DAYS). */
  readonly eventRetentionDays?: number;
}

export function createServices(
  store: Store,
  hasher: PasswordHasher,
  clock: Clock,
  options: ServiceOptions = {},
): Services {
  const memberships = new GroupMembershipService(store);
  const connectionHealth = new ConnectionHealthService(store, clock);
  const publicUrl = options.publicUrl ?? 'http://localhost:4000';
  const connections = new ConnectionService(store, clock, publicUrl);
  const extensionAttributes = new ExtensionAttributeService(store, clock);
  return {
    users: new UserService(store, hasher, clock, extensionAttributes),
    extensionAttributes,
    groups: new GroupService(store, clock),
    memberships,
    groupWrites: new GroupWriteService(store, clock),
    tokens: new ApiTokenService(store, clock),
    organizations: new OrganizationService(store, clock),
    organizationAdmin: new OrganizationAdminService(store, clock),
    audit: new AuditService(store),
    events: new EventService(store, clock, options.eventRetentionDays ?? 30),
    connections,
    connectionTokens: new ConnectionTokenService(store, clock, connections),
    connectionHealth,
    requestLog: new RequestLogService(
      store,
      clock,
      { retentionDays: options.requestLogDays ?? 7, maxQueued: 2000, batchSize: 200 },
      (organizationId, connectionId) => connectionHealth.recordDropped(organizationId, connectionId),
    ),
    setupLinks: new SetupLinkService(store, clock, connections, publicUrl),
  };
}
