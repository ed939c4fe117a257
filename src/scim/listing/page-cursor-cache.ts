/**
 * Remembers where index-based pages end, so the next page continues from a keyset cursor instead
 * of an OFFSET scan. Okta's "Import Now" walks `startIndex=1, 101, 201, …`: with this cache each
 * page costs the same at any depth, and a walk that runs while users are added or deleted still
 * visits every user that exists throughout it exactly once. A miss (another instance served the
 * previous page, or the entry expired) falls back to OFFSET, which is correct, only slower.
 */
/** Where index-paged lists remember their keyset cursors: this process, or Redis (REDIS_URL). */
export interface PageCursors {
  cursorFor(listKey: string, startIndex: number): string | undefined | Promise<string | undefined>;
  remember(listKey: string, nextStartIndex: number, cursor: string): void | Promise<void>;
}

export class PageCursorCache implements PageCursors {
  private readonly entries = new Map<string, { cursor: string; until: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cursor after which the page starting at `startIndex` begins, if a previous page ended there. */
  cursorFor(listKey: string, startIndex: number): string | undefined {
    const key = `${listKey}\u0000${startIndex}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until < this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.cursor;
  }

  /** Records that the page ending just before `nextStartIndex` ended at `cursor`. */
  remember(listKey: string, nextStartIndex: number, cursor: string): void {
    const key = `${listKey}\u0000${nextStartIndex}`;
    this.entries.delete(key);
    this.entries.set(key, { cursor, until: this.now() + this.ttlMs });
    // Maps iterate in insertion order: the first key is the least recently written.
    while (this.entries.size > this.maxEntries)
      this.entries.delete(this.entries.keys().next().value as string);
  }
}
