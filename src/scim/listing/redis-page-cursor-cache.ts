import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { PageCursors } from './page-cursor-cache';

const PREFIX = 'identity:page-cursor:';
const TTL_MS = 10 * 60_000;

/**
 * The import-walk cursor cache shared by every instance through Redis: behind a round-robin balancer
 * the instance serving page N+1 finds the cursor the one serving page N left. While Redis does not
 * answer, every lookup is a miss (OFFSET paging: correct, only slower) rather than a look in this
 * process's memory: with several instances, a local entry may have been left by an earlier walk
 * whose next page another instance served, and continuing from it would skip or repeat users.
 * List keys are hashed: they carry filter values.
 */
export class RedisPageCursorCache implements PageCursors {
  constructor(
    private readonly redis: Redis,
    private readonly warn: (error: unknown) => void,
  ) {}

  async cursorFor(listKey: string, startIndex: number): Promise<string | undefined> {
    try {
      return (await this.redis.get(keyOf(listKey, startIndex))) ?? undefined;
    } catch (error) {
      this.warn(error);
      return undefined;
    }
  }

  async remember(listKey: string, nextStartIndex: number, cursor: string): Promise<void> {
    try {
      await this.redis.set(keyOf(listKey, nextStartIndex), cursor, 'PX', TTL_MS);
    } catch (error) {
      this.warn(error);
    }
  }
}

function keyOf(listKey: string, startIndex: number): string {
  return `${PREFIX}${createHash('sha256').update(listKey).digest('hex')}:${startIndex}`;
}
