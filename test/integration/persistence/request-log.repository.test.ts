import type { ConnectionRequestEntry } from '../../../src/domain/connections/request-log';
import { SentBytes, keepSentBody } from '../../../src/domain/connections/request-log';

import { uuidV7 } from '../../../src/domain/shared/uuid-v7';
import { organizationRecord } from '../../fixtures/persistence-records';
import type { TestStore } from '../../fixtures/test-store';
import { createTestStore, statementsOn } from '../../fixtures/test-store';

/** A text's UTF-8 bytes, as an answer sent with them is kept. */
const sentBytes = (text: string) => new SentBytes(Buffer.from(text, 'utf8').toString('latin1'));

/**
 * Bodies go to MariaDB as they are (prepared statements, text or the bytes that were sent) and to
 * SQLite as text: either way what comes back is the text that was kept, byte for byte.
 */
describe('request log repository', () => {
  let t: TestStore;
  const org = organizationRecord();
  const connectionId = uuidV7();
  let at = Date.parse('2026-01-01T00:00:00.000Z');

  beforeAll(async () => {
    t = await createTestStore();
    await t.store.repositories.organizations.insert(org);
  });

  afterAll(() => t?.close());

  const sut = () => t.store.repositories.requestLog;
  const entry = (
    requestBody: string | null,
    responseBody: ConnectionRequestEntry['responseBody'],
  ): ConnectionRequestEntry => ({
    id: uuidV7(at),
    organizationId: org.id,
    connectionId,
    requestId: `r-${at}`,
    at: new Date((at += 1000)),
    method: 'POST',
    path: '/scim/v2/Users',
    status: 201,
    durationMs: 3,
    dryRun: false,
    quirks: ['entra:string-boolean'],
    resourceIds: ['u1'],
    auditEventIds: [],
    requestBody,
    responseBody,
  });
  const newest = async (count: number) =>
    (await sut().findPage(org.id, connectionId, {}, { first: count })).items
      .map((item) => item.node)
      .reverse();

  const TRICKY = [
    `{"displayName":"O'Brien \\"q\\" \\\\ back\\\\slash"}`,
    'NUL \u0000 in the middle, and at the end \u0000',
    'quotes \' " ` and backslashes \\ \\\\ \\\' \\"',
    'emoji 🚀👩‍👩‍👧 and accents éü and CJK 漢字 and U+FFFD \uFFFD',
    "0x27 X'41' -- ; DROP TABLE x; /* */",
    '',
  ];

  it('keeps text and sent bytes byte for byte: quotes, backslashes, NUL, emoji', async () => {
    const entries = TRICKY.flatMap((text) => [entry(text, text), entry(null, sentBytes(text))]);
    await sut().insertMany(entries);

    const read = await newest(entries.length);
    expect(read.map((r) => [r.requestBody, r.responseBody])).toEqual(
      TRICKY.flatMap((text) => [
        [text, text],
        [null, text],
      ]),
    );
  });

  it('keeps a body cut inside a character as the text redaction would keep', async () => {
    const sent = Buffer.from(`["${'x'.repeat(10)}🚀é漢","\\u0000'\\\\"]`);
    const bodies = [12, 13, 14, 15, 16, 17, 18, 19, 20, 21].map((max) => keepSentBody(sent, max));
    expect(bodies.every((body) => body instanceof SentBytes)).toBe(true);
    await sut().insertMany(bodies.map((body) => entry(null, body)));

    const read = await newest(bodies.length);
    expect(read.map((r) => r.responseBody)).toEqual(bodies.map((body) => body.toString()));
    expect(read[1]!.responseBody).toBe(`["xxxxxxxxxx…[truncated ${sent.length - 12} bytes]`);
  });

  it('writes a batch as INSERTs of a power of two rows each, at most 16, every row once', async () => {
    // At most 16 rows a statement: each pooled connection keeps every statement it prepared.
    const expected: Record<number, number[]> = { 1: [1], 3: [2, 1], 13: [8, 4, 1], 53: [16, 16, 16, 4, 1] };
    for (const count of [1, 3, 13, 53]) {
      t.statements.length = 0;
      const entries = Array.from({ length: count }, (_, i) => entry(`{"i":${i}}`, sentBytes(`[${i}]`)));
      await sut().insertMany(entries);

      const rows = statementsOn(t.statements, 'connection_requests').map(
        (sql) => sql.match(/\(\?(, \?)*\)/g)?.length,
      );
      expect(rows).toEqual(expected[count]);
      const read = await newest(count);
      expect(read.map((r) => [r.requestBody, r.responseBody])).toEqual(
        entries.map((_, i) => [`{"i":${i}}`, `[${i}]`]),
      );
    }
  });

  it('writes a batch all or nothing: a failing row leaves none of its batch', async () => {
    const entries = Array.from({ length: 13 }, (_, i) => entry(null, sentBytes(`[${i}]`)));
    const before = await newest(1000);
    const duplicate = { ...entry(null, 'again'), id: entries[0]!.id };
    await expect(sut().insertMany([...entries, duplicate])).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await newest(1000)).toEqual(before);
  });
});
