import { badInput } from '../../errors';

/** What a cursor holds: the ordering it belongs to, the row's sort value and its id (the tie-break). */
export interface CursorPosition {
  readonly ordering: string;
  readonly value: string | number | null;
  readonly id: string;
}

/** Opaque to callers: base64url of a small JSON array. */
export const encodeCursor = (position: CursorPosition): string =>
  Buffer.from(JSON.stringify([position.ordering, position.value, position.id]), 'utf8').toString('base64url');

const invalid = (why: string) => badInput('after', `Invalid cursor: ${why}`, { reason: 'invalidCursor' });

/** Reads a cursor made by `encodeCursor` for the same ordering; anything else is BAD_USER_INPUT on `after`. */
export function decodeCursor(cursor: string, ordering: string): CursorPosition {
  if (cursor.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid('not a cursor from this API');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor from this API');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid('not a cursor from this API');
  const [tag, value, id] = parsed as unknown[];
  if (typeof tag !== 'string' || typeof id !== 'string' || id.length > 64)
    throw invalid('not a cursor from this API');
  if (value !== null && typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
    throw invalid('not a cursor from this API');
  }
  if (tag !== ordering) throw invalid('it was made for a different orderBy');
  return { ordering: tag, value, id };
}
