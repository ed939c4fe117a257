import type { EventType } from '../../domain/events/event-types';
import type {
  WebhookDeliveryRecord,
  WebhookDeliveryStatus,
  WebhookEndpointRecord,
  WebhookEndpointStatus,
  WebhookSecrets,
} from '../../domain/webhooks/webhook';
import type { SqlParam } from '../dialect';
import { fromDbDate, fromDbDateOrNull, fromDbJson, toDbDate, toDbDateOrNull, truncate } from '../dialect';

export const ENDPOINT_COLUMN_NAMES = [
  'id',
  'organization_id',
  'url',
  'description',
  'event_types',
  'status',
  'disabled_reason',
  'failing_since',
  'created_by',
  'created_at',
  'updated_at',
];
export const ENDPOINT_COLUMNS = ENDPOINT_COLUMN_NAMES.join(', ');

export interface EndpointSqlRow {
  readonly id: string;
  readonly organization_id: string;
  readonly url: string;
  readonly description: string | null;
  readonly event_types: unknown;
  readonly status: string;
  readonly disabled_reason: string | null;
  readonly failing_since: unknown;
  readonly created_by: string;
  readonly created_at: unknown;
  readonly updated_at: unknown;
}

export const toEndpointRecord = (row: EndpointSqlRow): WebhookEndpointRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  url: row.url,
  description: row.description,
  eventTypes: fromDbJson<EventType[]>(row.event_types, []),
  status: row.status as WebhookEndpointStatus,
  disabledReason: row.disabled_reason,
  failingSince: fromDbDateOrNull(row.failing_since),
  createdBy: row.created_by,
  createdAt: fromDbDate(row.created_at),
  updatedAt: fromDbDate(row.updated_at),
});

/** Values in ENDPOINT_COLUMN_NAMES order. */
export const endpointParams = (e: WebhookEndpointRecord): SqlParam[] => [
  e.id,
  e.organizationId,
  e.url,
  e.description,
  JSON.stringify(e.eventTypes),
  e.status,
  e.disabledReason,
  toDbDateOrNull(e.failingSince),
  truncate(e.createdBy, 320),
  toDbDate(e.createdAt),
  toDbDate(e.updatedAt),
];

export interface SecretsSqlRow {
  readonly secret_ciphertext: string;
  readonly previous_secret_ciphertext: string | null;
  readonly previous_secret_until: unknown;
}

export const toSecrets = (row: SecretsSqlRow): WebhookSecrets => ({
  current: row.secret_ciphertext,
  previous: row.previous_secret_ciphertext,
  previousUntil: fromDbDateOrNull(row.previous_secret_until),
});

export const DELIVERY_COLUMN_NAMES = [
  'id',
  'organization_id',
  'endpoint_id',
  'event_id',
  'event_seq',
  'event_type',
  'resource_id',
  'status',
  'attempts',
  'next_attempt_at',
  'last_attempt_at',
  'last_status_code',
  'last_error',
  'delivered_at',
  'created_at',
];

/** The columns prefixed with a table alias (`d.id, d.organization_id, …`). */
export const deliveryColumns = (alias: string): string =>
  DELIVERY_COLUMN_NAMES.map((name) => `${alias}.${name}`).join(', ');

export interface DeliverySqlRow {
  readonly id: string;
  readonly organization_id: string;
  readonly endpoint_id: string;
  readonly event_id: string;
  readonly event_seq: number | string;
  readonly event_type: string;
  readonly resource_id: string;
  readonly status: string;
  readonly attempts: number | string;
  readonly next_attempt_at: unknown;
  readonly last_attempt_at: unknown;
  readonly last_status_code: number | null;
  readonly last_error: string | null;
  readonly delivered_at: unknown;
  readonly created_at: unknown;
}

export const toDeliveryRecord = (row: DeliverySqlRow): WebhookDeliveryRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  endpointId: row.endpoint_id,
  eventId: row.event_id,
  eventSeq: Number(row.event_seq),
  eventType: row.event_type as EventType,
  resourceId: row.resource_id,
  status: row.status as WebhookDeliveryStatus,
  attempts: Number(row.attempts),
  nextAttemptAt: fromDbDateOrNull(row.next_attempt_at),
  lastAttemptAt: fromDbDateOrNull(row.last_attempt_at),
  lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
  lastError: row.last_error,
  deliveredAt: fromDbDateOrNull(row.delivered_at),
  createdAt: fromDbDate(row.created_at),
});
