import type { Page, PageRequest } from '../shared/page';
import type { ConnectionRequestFilter, ConnectionRequestRecord } from './request-log';

export interface RequestLogRepository {
  /** One multi-row INSERT per call. */
  insertMany(records: readonly ConnectionRequestRecord[]): Promise<void>;
  /** Newest first. */
  findPage(
    organizationId: string,
    connectionId: string,
    filter: ConnectionRequestFilter,
    page: PageRequest,
  ): Promise<Page<ConnectionRequestRecord>>;
  /** The logged request with this request id that started at or before `at` (the latest such). */
  findByRequestId(
    organizationId: string,
    requestId: string,
    at: Date,
  ): Promise<ConnectionRequestRecord | null>;
  prune(before: Date): Promise<void>;
}
