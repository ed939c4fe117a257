import type { RequestContext } from '../auth/request-context';
import type { Clock } from '../shared/clock';
import { uuidV7 } from '../shared/uuid-v7';
import type { AuditAction, AuditEventRecord, AuditTargetType, ChangeSummary } from './audit-event';
import type { AuditRepository } from './audit.repository';

/** Builds the audit event for a write; services call it inside the write's transaction. */
export async function recordAudit(
  audit: AuditRepository,
  ctx: RequestContext,
  clock: Clock,
  event: { action: AuditAction; targetType: AuditTargetType; targetId: string; changes?: ChangeSummary },
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
  };
  await audit.insert(record);
  ctx.auditSink?.push(record.id);
}
