import type { Page, PageRequest } from '../shared/page';
import type { AuditEventFilter, AuditEventRecord } from './audit-event';

export interface AuditRepository {
  insert(event: AuditEventRecord): Promise<void>;
  /** Newest first; the cursor is opaque to callers. */
  findPage(
    organizationId: string,
    filter: AuditEventFilter,
    page: PageRequest,
  ): Promise<Page<AuditEventRecord>>;
}
