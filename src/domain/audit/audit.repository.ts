import type { Page, PageRequest } from '../shared/page';
import type { AuditEventFilter, AuditEventRecord } from './audit-event';

export interface AuditRepository {
  /** Rows carrying an event get consecutive sequence numbers, in order, held until commit. */
  insert(...events: readonly AuditEventRecord[]): Promise<void>;
  /** Newest first; the cursor is opaque to callers. */
  findPage(
    organizationId: string,
    filter: AuditEventFilter,
    page: PageRequest,
  ): Promise<Page<AuditEventRecord>>;
}
