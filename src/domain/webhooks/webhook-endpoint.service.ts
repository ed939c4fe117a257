import { badInput } from '../../errors';
import type { AuditAction } from '../audit/audit-event';
import { recordAudit } from '../audit/audit-trail';
import type { RequestContext } from '../auth/request-context';
import { authorize } from '../auth/request-context';
import type { EventType } from '../events/event-types';
import { EVENT_TYPES, isEventType } from '../events/event-types';
import type { Clock } from '../shared/clock';
import { isUuid, uuidV7 } from '../shared/uuid-v7';
import { orNotFound } from '../shared/versioning';
import type { Repositories, Store } from '../store';
import { checkText } from '../users/validate-user';
import type { SecretBox } from './secret-box';
import { newWebhookSecret } from './secret-box';
import type {
  IssuedWebhookEndpoint,
  WebhookEndpointRecord,
  WebhookEndpointStatus,
  WebhookSecrets,
} from './webhook';

export interface NewWebhookEndpoint {
  readonly url: string;
  /** Empty or absent: every event type. */
  readonly eventTypes?: readonly string[] | null;
  readonly description?: string | null;
}

/**
 * Refuses a URL the service must not call (see src/webhooks/address-guard.ts): BAD_USER_INPUT on
 * `url`. Resolves to the URL as stored.
 */
export type WebhookUrlCheck = (url: string) => Promise<string>;

/** How long the previous secret keeps signing (beside the new one) after a rotation. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** What the worker acts as when it disables a failing endpoint. */
export const WEBHOOK_WORKER_SUBJECT = 'system:webhooks';

function checkEventTypes(types: readonly string[] | null | undefined): EventType[] {
  const list = [...new Set(types ?? [])];
  const unknown = list.find((type) => !isEventType(type));
  if (unknown !== undefined)
    throw badInput('eventTypes', `Unknown event type "${unknown}"; known: ${EVENT_TYPES.join(', ')}`);
  return list as EventType[];
}

/**
 * Webhook endpoints of the caller's organization (identity:admin). The signing secret appears in
 * the answer that creates or rotates it and nowhere else; it is stored encrypted. Every change is an
 * audit event written in the change's transaction.
 */
export class WebhookEndpointService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly box: SecretBox,
    private readonly checkUrl: WebhookUrlCheck,
  ) {}

  async create(ctx: RequestContext, input: NewWebhookEndpoint): Promise<IssuedWebhookEndpoint> {
    const organizationId = authorize(ctx, 'admin');
    const eventTypes = checkEventTypes(input.eventTypes);
    const description = checkText('description', input.description ?? null, 500) ?? null;
    const url = await this.checkUrl(input.url);
    const now = this.clock();
    const endpoint: WebhookEndpointRecord = {
      id: uuidV7(now.getTime()),
      organizationId,
      url,
      description,
      eventTypes,
      status: 'ENABLED',
      disabledReason: null,
      failingSince: null,
      createdBy: ctx.principal.subject,
      createdAt: now,
      updatedAt: now,
    };
    const secret = newWebhookSecret();
    const sealed = await this.box.seal(secret);
    await this.store.transaction(async (tx) => {
      // Events from now on: those committed before the endpoint existed are replayEvents' business.
      const cursor = await tx.webhookEndpoints.lastEventSeq(organizationId);
      await tx.webhookEndpoints.insert(
        endpoint,
        { current: sealed, previous: null, previousUntil: null },
        cursor,
      );
      await this.audit(tx, ctx, endpoint.id, 'webhook.create', { url, eventTypes, description });
    });
    return { endpoint, secret };
  }

  async list(ctx: RequestContext): Promise<WebhookEndpointRecord[]> {
    return this.store.repositories.webhookEndpoints.list(authorize(ctx, 'admin'));
  }

  /** null for an unknown id and for another organization's endpoint alike. */
  async find(ctx: RequestContext, id: string): Promise<WebhookEndpointRecord | null> {
    const organizationId = authorize(ctx, 'admin');
    return isUuid(id) ? this.store.repositories.webhookEndpoints.findById(organizationId, id) : null;
  }

  /** A new secret; the previous one keeps signing beside it for SECRET_OVERLAP_MS (24 h). */
  async rotateSecret(ctx: RequestContext, id: string): Promise<IssuedWebhookEndpoint> {
    const organizationId = authorize(ctx, 'admin');
    const secret = newWebhookSecret();
    const sealed = await this.box.seal(secret);
    const endpoint = await this.store.transaction(async (tx) => {
      const current = await this.getIn(tx, organizationId, id);
      const secrets = orNotFound(
        'WebhookEndpoint',
        id,
        await tx.webhookEndpoints.secretsOf(organizationId, id),
      );
      const now = this.clock();
      const previousUntil = new Date(now.getTime() + SECRET_OVERLAP_MS);
      await tx.webhookEndpoints.setSecrets(
        organizationId,
        id,
        { current: sealed, previous: secrets.current, previousUntil },
        now,
      );
      await this.audit(tx, ctx, id, 'webhook.rotateSecret', {
        previousSecretSignsUntil: previousUntil.toISOString(),
      });
      return { ...current, updatedAt: now };
    });
    return { endpoint, secret };
  }

  /** The secrets that sign now: the current one, and the previous one during its overlap. */
  async signingSecrets(secrets: WebhookSecrets, now: Date): Promise<string[]> {
    const current = await this.box.open(secrets.current);
    if (!secrets.previous || !secrets.previousUntil || secrets.previousUntil.getTime() <= now.getTime())
      return [current];
    return [current, await this.box.open(secrets.previous)];
  }

  disable(ctx: RequestContext, id: string): Promise<WebhookEndpointRecord> {
    return this.setStatus(ctx, id, 'DISABLED', 'manual', 'webhook.disable');
  }

  /** Deliveries resume where they stopped: events of the disabled time are sent too (within retention). */
  enable(ctx: RequestContext, id: string): Promise<WebhookEndpointRecord> {
    return this.setStatus(ctx, id, 'ENABLED', null, 'webhook.enable');
  }

  /** Disabled by the worker after AUTO_DISABLE_AFTER_MS of only failures; audited as `system:webhooks`. */
  async autoDisable(organizationId: string, id: string, failingSince: Date): Promise<void> {
    const ctx: RequestContext = {
      principal: { organizationId, subject: WEBHOOK_WORKER_SUBJECT, scopes: ['identity:admin'], kind: 'cli' },
      channel: 'cli',
      requestId: uuidV7(this.clock().getTime()),
    };
    await this.setStatus(ctx, id, 'DISABLED', 'failing', 'webhook.autoDisable', {
      failingSince: failingSince.toISOString(),
    });
  }

  /** Removes the endpoint and its deliveries; returns it as it was. */
  async delete(ctx: RequestContext, id: string): Promise<WebhookEndpointRecord> {
    const organizationId = authorize(ctx, 'admin');
    return this.store.transaction(async (tx) => {
      const current = await this.getIn(tx, organizationId, id);
      await tx.webhookEndpoints.delete(organizationId, id);
      await this.audit(tx, ctx, id, 'webhook.delete', { url: current.url });
      return current;
    });
  }

  private async setStatus(
    ctx: RequestContext,
    id: string,
    status: WebhookEndpointStatus,
    reason: string | null,
    action: AuditAction,
    extra: Record<string, unknown> = {},
  ): Promise<WebhookEndpointRecord> {
    const organizationId = authorize(ctx, 'admin');
    return this.store.transaction(async (tx) => {
      const current = await this.getIn(tx, organizationId, id);
      if (current.status === status) return current;
      const now = this.clock();
      await tx.webhookEndpoints.setStatus(organizationId, id, status, reason, now);
      await this.audit(tx, ctx, id, action, { status: { from: current.status, to: status }, ...extra });
      return {
        ...current,
        status,
        disabledReason: reason,
        failingSince: status === 'ENABLED' ? null : current.failingSince,
        updatedAt: now,
      };
    });
  }

  async getIn(tx: Repositories, organizationId: string, id: string): Promise<WebhookEndpointRecord> {
    const found = isUuid(id) ? await tx.webhookEndpoints.findById(organizationId, id) : null;
    return orNotFound('WebhookEndpoint', id, found);
  }

  audit(
    tx: Repositories,
    ctx: RequestContext,
    id: string,
    action: AuditAction,
    changes: Record<string, unknown>,
  ): Promise<void> {
    return recordAudit(tx.audit, ctx, this.clock, {
      action,
      targetType: 'WebhookEndpoint',
      targetId: id,
      changes,
    });
  }
}
