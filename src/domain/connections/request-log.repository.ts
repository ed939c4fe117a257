import type { Page, PageRequest } from '../shared/page';
import type { ConnectionRequestEntry, ConnectionRequestFilter, ConnectionRequestRecord } from './request-log';

export interface RequestLogRepository {
  /** All or nothing: multi-row INSERTs, a few per call (at most one per bit of the count). */
  insertMany(records: readonly ConnectionRequestEntry[]): Promise<void>;
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
