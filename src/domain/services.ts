import { AuditService } from './audit/audit.service';
import { EventService } from './events/event.service';
import { ConnectionHealthService } from './connections/connection-health.service';
import { ConnectionTokenService } from './connections/connection-token.service';
import { ConnectionService } from './connections/connection.service';
import { RequestLogService } from './connections/request-log.service';
import { ReportedActivityService } from './connections/reported-activity.service';
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
import { TokenLookupCache } from './tokens/token-lookup-cache';
import type { PasswordHasher } from './users/password-hasher';
import { UserService } from './users/user.service';
import { SecretBox } from './webhooks/secret-box';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service';
import type { WebhookUrlCheck } from './webhooks/webhook-endpoint.service';
import { WebhookEndpointService } from './webhooks/webhook-endpoint.service';
import { badInput } from '../errors';

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
  readonly webhookEndpoints: WebhookEndpointService;
  readonly webhookDeliveries: WebhookDeliveryService;
  /** Requests a standalone SCIM facade answered, reported over GraphQL. */
  readonly reportedActivity: ReportedActivityService;
}

export interface ServiceOptions {
  /** PUBLIC_URL, which a connection's Base URL starts with. */
  readonly publicUrl?: string;
  /** REQUEST_LOG_DAYS. */
  readonly requestLogDays?: number;
  /** How far back the events feed reaches (EVENT_RETENTION_DAYS). */
  readonly eventRetentionDays?: number;
  /** WEBHOOK_SECRET_KEY; unset → a key generated once and kept in `service_settings`. */
  readonly webhookSecretKey?: Buffer;
  /** Refuses webhook URLs the service must not call (src/webhooks/address-guard.ts). */
  readonly checkWebhookUrl?: WebhookUrlCheck;
  /** REQUEST_LOG_MAX_BODY_BYTES, for bodies a standalone facade reports. */
  readonly requestLogMaxBodyBytes?: number;
}

/** Without the HTTP layer's address guard (the CLI), webhook endpoints cannot be created. */
const noWebhookUrls: WebhookUrlCheck = () =>
  Promise.reject(badInput('url', 'Webhook endpoints are managed over GraphQL'));

export function createServices(
  database: Store,
  hasher: PasswordHasher,
  clock: Clock,
  options: ServiceOptions = {},
): Services {
  // Every service shares one store, so every credential change made here drops the cached lookups.
  const store = new TokenLookupCache().wrap(database);
  const memberships = new GroupMembershipService(store);
  const connectionHealth = new ConnectionHealthService(store, clock);
  const publicUrl = options.publicUrl ?? 'http://localhost:4000';
  const connections = new ConnectionService(store, clock, publicUrl);
  const extensionAttributes = new ExtensionAttributeService(store, clock);
  const webhookEndpoints = new WebhookEndpointService(
    store,
    clock,
    new SecretBox(options.webhookSecretKey, store.repositories.settings),
    options.checkWebhookUrl ?? noWebhookUrls,
  );
  const requestLog = new RequestLogService(
    store,
    clock,
    { retentionDays: options.requestLogDays ?? 7, maxQueued: 2000, batchSize: 200, maxBatchChars: 256_000 },
    (organizationId, connectionId) => connectionHealth.recordDropped(organizationId, connectionId),
  );
  return {
    webhookEndpoints,
    webhookDeliveries: new WebhookDeliveryService(store, clock, webhookEndpoints),
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
    requestLog,
    reportedActivity: new ReportedActivityService(
      connectionHealth,
      requestLog,
      clock,
      options.requestLogMaxBodyBytes ?? 16 * 1024,
    ),
    setupLinks: new SetupLinkService(store, clock, connections, publicUrl),
  };
}
