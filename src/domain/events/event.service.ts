import { DomainError, badInput } from '../../errors';
import type { RequestContext } from '../auth/request-context';
import { authorize } from '../auth/request-context';
import { checkFirst } from '../shared/check-page';
import type { Clock } from '../shared/clock';
import type { Store } from '../store';
import type { ChangeEvent } from './change-event';
import type { EventType } from './event-types';
import { EVENT_TYPES, isEventType } from './event-types';

export interface EventFeedRequest {
  readonly after?: string | null;
  readonly types?: readonly string[] | null;
  readonly resourceId?: string | null;
  readonly first?: number | null;
}

export interface EventFeedPage {
  readonly events: readonly ChangeEvent[];
  /** The cursor to poll with next: the last event's, or the one asked with when nothing is new. */
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

const MAX_PAGE = 1000;
/** Events purged per statement: short enough never to hold up the writes beside it. */
const PURGE_BATCH = 500;
const DAY_MS = 86_400_000;
const CURSOR_PREFIX = 'ev1:';

/** The organization's change events, ascending in commit order (see persistence/event-sequence.ts). */
export class EventService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly retentionDays: number,
  ) {}

  async feed(ctx: RequestContext, request: EventFeedRequest): Promise<EventFeedPage> {
    const organizationId = authorize(ctx, 'read');
    const first = checkFirst(request.first ?? 100, MAX_PAGE);
    const afterSeq = request.after == null ? null : decodeCursor(request.after);
    const { events, expired } = await this.store.repositories.events.findEvents(organizationId, {
      afterSeq,
      types: checkTypes(request.types),
      resourceId: request.resourceId ?? null,
      horizon: this.horizon(),
      limit: first + 1,
    });
    if (expired) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `The cursor is older than the ${this.retentionDays}-day event retention; events after it are gone. Start again without a cursor.`,
        { field: 'after', reason: 'CURSOR_EXPIRED' },
      );
    }
    const page = events.slice(0, first);
    const last = page.at(-1);
    return {
      events: page,
      endCursor: last ? encodeCursor(last.seq) : (request.after ?? null),
      hasNextPage: events.length > first,
    };
  }

  /**
   * Retention: every organization's events older than EVENT_RETENTION_DAYS leave the feed for good.
   * Their payload (the resource as it was, personal data included) is deleted; the audit row — who
   * did what to which resource, when, and the change summary — stays, because the audit trail is
   * kept. Run periodically by the app; returns how many events it purged.
   */
  purgeExpired(): Promise<number> {
    return this.store.repositories.events.purgeBefore(this.horizon(), PURGE_BATCH);
  }

  private horizon(): Date {
    return new Date(this.clock().getTime() - this.retentionDays * DAY_MS);
  }
}

export const encodeCursor = (seq: number): string =>
  Buffer.from(`${CURSOR_PREFIX}${seq}`).toString('base64url');

function decodeCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  const digits = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  if (!/^\d{1,15}$/.test(digits)) throw badInput('after', 'after is not a cursor of the events feed');
  return Number(digits);
}

function checkTypes(types: readonly string[] | null | undefined): EventType[] | null {
  if (!types || types.length === 0) return null;
  const unknown = types.find((type) => !isEventType(type));
  if (unknown !== undefined)
    throw badInput('types', `Unknown event type "${unknown}"; known: ${EVENT_TYPES.join(', ')}`);
  return types as EventType[];
}
