import type {
  WebhookDeliveryRecord,
  WebhookDeliveryStatus,
  WebhookEndpointRecord,
  WebhookEndpointStatus,
  WebhookSecrets,
} from './webhook';

export interface WebhookEndpointRepository {
  /** `cursorSeq`: the last event sequence number already fanned out (events after it are delivered). */
  insert(endpoint: WebhookEndpointRecord, secrets: WebhookSecrets, cursorSeq: number): Promise<void>;
  findById(organizationId: string, id: string): Promise<WebhookEndpointRecord | null>;
  /** Oldest first. */
  list(organizationId: string): Promise<WebhookEndpointRecord[]>;
  secretsOf(organizationId: string, id: string): Promise<WebhookSecrets | null>;
  setSecrets(organizationId: string, id: string, secrets: WebhookSecrets, at: Date): Promise<boolean>;
  setStatus(
    organizationId: string,
    id: string,
    status: WebhookEndpointStatus,
    reason: string | null,
    at: Date,
  ): Promise<boolean>;
  /** Removes the endpoint and its deliveries. */
  delete(organizationId: string, id: string): Promise<boolean>;
  /** The organization's last event sequence number (0 before its first event). */
  lastEventSeq(organizationId: string): Promise<number>;
}

export interface DeliveryListQuery {
  readonly endpointId: string;
  readonly status: WebhookDeliveryStatus | null;
  /** Newest first: only deliveries older than this one. */
  readonly beforeId: string | null;
  readonly limit: number;
}

export interface WebhookDeliveryRepository {
  list(organizationId: string, query: DeliveryListQuery): Promise<WebhookDeliveryRecord[]>;
  findById(organizationId: string, id: string): Promise<WebhookDeliveryRecord | null>;
  /** A new PENDING delivery of the same event to the same endpoint, due now. */
  copy(source: WebhookDeliveryRecord, id: string, at: Date): Promise<void>;
  /**
   * New PENDING deliveries to the endpoint of the events it was already sent (up to its cursor)
   * that occurred at or after `since`. Returns how many.
   */
  replay(organizationId: string, endpointId: string, since: Date, at: Date): Promise<number>;
}
