import { badInput } from '../../errors';
import type { RequestContext } from '../auth/request-context';
import { authorize } from '../auth/request-context';
import { checkFirst } from '../shared/check-page';
import type { Clock } from '../shared/clock';
import { isUuid, uuidV7 } from '../shared/uuid-v7';
import { orNotFound } from '../shared/versioning';
import type { Store } from '../store';
import type { WebhookDeliveryRecord, WebhookDeliveryStatus } from './webhook';
import { WEBHOOK_DELIVERY_STATUSES } from './webhook';
import type { WebhookEndpointService } from './webhook-endpoint.service';

export interface DeliveryListRequest {
  readonly endpointId: string;
  readonly status?: string | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

export interface DeliveryPage {
  readonly deliveries: readonly WebhookDeliveryRecord[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

const MAX_PAGE = 1000;
const CURSOR_PREFIX = 'wd1:';

/** An endpoint's deliveries (newest first), redelivery and replay; identity:admin, audited. */
export class WebhookDeliveryService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly endpoints: WebhookEndpointService,
  ) {}

  async list(ctx: RequestContext, request: DeliveryListRequest): Promise<DeliveryPage> {
    const organizationId = authorize(ctx, 'admin');
    const first = checkFirst(request.first ?? 50, MAX_PAGE);
    const status = checkStatus(request.status);
    const beforeId = request.after == null ? null : decodeCursor(request.after);
    await this.endpoints.getIn(this.store.repositories, organizationId, request.endpointId);
    const found = await this.store.repositories.webhookDeliveries.list(organizationId, {
      endpointId: request.endpointId,
      status,
      beforeId,
      limit: first + 1,
    });
    const page = found.slice(0, first);
    const last = page.at(-1);
    return {
      deliveries: page,
      endCursor: last ? encodeCursor(last.id) : null,
      hasNextPage: found.length > first,
    };
  }

  /** A new delivery of the same event to the same endpoint, due now; the old one keeps its history. */
  async redeliver(ctx: RequestContext, deliveryId: string): Promise<WebhookDeliveryRecord> {
    const organizationId = authorize(ctx, 'admin');
    return this.store.transaction(async (tx) => {
      const found = isUuid(deliveryId)
        ? await tx.webhookDeliveries.findById(organizationId, deliveryId)
        : null;
      const source = orNotFound('WebhookDelivery', deliveryId, found);
      const now = this.clock();
      const id = uuidV7(now.getTime());
      await tx.webhookDeliveries.copy(source, id, now);
      await this.endpoints.audit(tx, ctx, source.endpointId, 'webhook.redeliver', {
        deliveryId: source.id,
        eventId: source.eventId,
        newDeliveryId: id,
      });
      return orNotFound('WebhookDelivery', id, await tx.webhookDeliveries.findById(organizationId, id));
    });
  }

  /** Queues again every event already sent to the endpoint that occurred at or after `since`. */
  async replay(ctx: RequestContext, endpointId: string, since: Date): Promise<number> {
    const organizationId = authorize(ctx, 'admin');
    if (Number.isNaN(since.getTime())) throw badInput('since', 'since must be a date-time');
    return this.store.transaction(async (tx) => {
      await this.endpoints.getIn(tx, organizationId, endpointId);
      const count = await tx.webhookDeliveries.replay(organizationId, endpointId, since, this.clock());
      await this.endpoints.audit(tx, ctx, endpointId, 'webhook.replay', {
        since: since.toISOString(),
        deliveries: count,
      });
      return count;
    });
  }
}

function checkStatus(status: string | null | undefined): WebhookDeliveryStatus | null {
  if (status == null) return null;
  if ((WEBHOOK_DELIVERY_STATUSES as readonly string[]).includes(status))
    return status as WebhookDeliveryStatus;
  throw badInput('status', `status must be one of ${WEBHOOK_DELIVERY_STATUSES.join(', ')}`);
}

const encodeCursor = (id: string): string => Buffer.from(`${CURSOR_PREFIX}${id}`).toString('base64url');

function decodeCursor(cursor: string): string {
  const text = /^[A-Za-z0-9_-]{1,80}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  const id = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  if (!isUuid(id)) throw badInput('after', 'after is not a cursor of this list', { reason: 'invalidCursor' });
  return id;
}
