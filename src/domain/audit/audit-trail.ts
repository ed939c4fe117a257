import type { RequestContext } from '../auth/request-context';
import type { EmittedEvent } from '../events/change-event';
import type { Clock } from '../shared/clock';
import { uuidV7 } from '../shared/uuid-v7';
import type { AuditAction, AuditEventRecord, AuditTargetType, ChangeSummary } from './audit-event';
import type { AuditRepository } from './audit.repository';

/**
 * Builds the audit event for a write; services call it inside the write's transaction, as the
 * write's last statement where they can: the events it carries take the organization's sequence
 * lock, held until commit. A change that emits several events (member ids in chunks) gets one row
 * per event; the first holds the change summary and the others are left out of the audit view.
 */
export async function recordAudit(
  audit: AuditRepository,
  ctx: RequestContext,
  clock: Clock,
  event: {
    action: AuditAction;
    targetType: AuditTargetType;
    targetId: string;
    changes?: ChangeSummary;
    events?: readonly EmittedEvent[];
  },
): Promise<void> {
  const occurredAt = clock();
  const record: AuditEventRecord = {
    id: uuidV7(occurredAt.getTime()),
    organizationId: ctx.principal.organizationId,
    actor: ctx.principal.subject,
    channel: ctx.channel,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    changes: event.changes ?? {},
    notes: ctx.notes ?? [],
    requestId: ctx.requestId,
    occurredAt,
    connectionId: ctx.principal.connectionId ?? null,
    event: null,
  };
  const emitted = event.events ?? [];
  if (emitted.length === 0) await audit.insert(record);
  else
    await audit.insert(
      ...emitted.map((change, i) => ({
        ...record,
        id: i === 0 ? record.id : uuidV7(occurredAt.getTime()),
        targetType: change.resourceType ?? record.targetType,
        targetId: change.resourceId ?? record.targetId,
        changes: i === 0 ? record.changes : {},
        event: change,
        eventPart: i === 0 ? null : i + 1,
      })),
    );
  // The first row is the one the audit view lists (later event parts are left out of it).
  ctx.auditSink?.push(record.id);
}
