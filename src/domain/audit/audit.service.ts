import type { RequestContext } from '../auth/request-context';
import { authorize } from '../auth/request-context';
import { checkPage } from '../shared/check-page';
import type { Page, PageRequest } from '../shared/page';
import type { Store } from '../store';
import type { AuditEventFilter, AuditEventRecord } from './audit-event';

export class AuditService {
  constructor(private readonly store: Store) {}

  async list(
    ctx: RequestContext,
    filter: AuditEventFilter,
    page: PageRequest,
  ): Promise<Page<AuditEventRecord>> {
    const organizationId = authorize(ctx, 'admin');
    return this.store.repositories.audit.findPage(
      organizationId,
      filter,
      checkPage({ ...page, orderBy: null }),
    );
  }
}
