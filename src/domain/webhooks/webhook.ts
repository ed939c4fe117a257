import type { EventType } from '../events/event-types';

export const WEBHOOK_ENDPOINT_STATUSES = ['ENABLED', 'DISABLED'] as const;
export type WebhookEndpointStatus = (typeof WEBHOOK_ENDPOINT_STATUSES)[number];

export const WEBHOOK_DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'DEAD'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** A receiver of the organization's change events. Its signing secret is never part of the record. */
export interface WebhookEndpointRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly url: string;
  readonly description: string | null;
  /** Empty: every event type. */
  readonly eventTypes: readonly EventType[];
  readonly status: WebhookEndpointStatus;
  /** Why it is disabled: `manual`, or `failing` (auto-disabled after 3 days of only failures). */
  readonly disabledReason: string | null;
  /** The first failed attempt since the last success; null while deliveries succeed. */
  readonly failingSince: Date | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * The endpoint's signing secrets, AES-256-GCM encrypted (they must be used to sign, so they cannot
 * be hashed). After a rotation the previous secret keeps signing beside the new one until
 * `previousUntil`.
 */
export interface WebhookSecrets {
  readonly current: string;
  readonly previous: string | null;
  readonly previousUntil: Date | null;
}

/** One event to send to one endpoint: the outbox row the worker leases, sends and settles. */
export interface WebhookDeliveryRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly endpointId: string;
  readonly eventId: string;
  readonly eventSeq: number;
  readonly eventType: EventType;
  readonly resourceId: string;
  readonly status: WebhookDeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  readonly lastAttemptAt: Date | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: Date | null;
  readonly createdAt: Date;
}

export interface IssuedWebhookEndpoint {
  readonly endpoint: WebhookEndpointRecord;
  /** `whsec_` + base64 of 32 random bytes: in this answer and nowhere else. */
  readonly secret: string;
}
