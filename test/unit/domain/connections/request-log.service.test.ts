import { RequestLogService } from '../../../../src/domain/connections/request-log.service';
import type { ConnectionRequestRecord } from '../../../../src/domain/connections/request-log';
import fc from 'fast-check';
import {
  keepSentBody,
  SentBytes,
  redactBody,
  redactValue,
  truncateBody,
} from '../../../../src/domain/connections/request-log';
import type { Store } from '../../../../src/domain/store';

const entry = (i: number): ConnectionRequestRecord => ({
  id: `id-${i}`,
  organizationId: 'org',
  connectionId: 'c1',
  requestId: `r-${i}`,
  at: new Date(0),
  method: 'GET',
  path: '/scim/v2/Users',
  status: 200,
  durationMs: 1,
  dryRun: false,
  quirks: [],
  resourceIds: [],
  auditEventIds: [],
  requestBody: null,
  responseBody: null,
});

/** A database whose INSERTs wait until released: the log must not wait with it. */
function busyStore() {
  const written: ConnectionRequestRecord[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const store = {
    repositories: {
      requestLog: {
        insertMany: async (records: readonly ConnectionRequestRecord[]) => {
          await gate;
          written.push(...records);
        },
        prune: async () => undefined,
      },
    },
  } as unknown as Store;
  return { store, written, release };
}

describe('RequestLogService', () => {
  it('drops and counts entries beyond its queue while the database is busy, and never blocks enqueue', async () => {
    const { store, written, release } = busyStore();
    const dropped: string[] = [];
    const sut = new RequestLogService(
      store,
      () => new Date(0),
      { retentionDays: 7, maxQueued: 3, batchSize: 2, maxBatchChars: 1_000_000 },
      (_o, c) => dropped.push(c),
    );
    for (let i = 0; i < 3; i++) sut.enqueue(entry(i));
    const flushing = sut.flush(); // takes 2, waits on the busy database
    for (let i = 3; i < 8; i++) sut.enqueue(entry(i)); // room for 2 more (1 left + 2 = 3)
    expect(dropped).toEqual(['c1', 'c1', 'c1']);
    await sut.flush(); // a write is running: returns at once
    release();
    await flushing;
    expect(written.map((e) => e.id)).toEqual(['id-0', 'id-1', 'id-2', 'id-3', 'id-4']);
  });

  it('writes large bodies in smaller INSERTs, each with at least one entry', async () => {
    const batches: string[][] = [];
    const store = {
      repositories: {
        requestLog: {
          insertMany: async (records: readonly ConnectionRequestRecord[]) => {
            batches.push(records.map((r) => r.id));
          },
          prune: async () => undefined,
        },
      },
    } as unknown as Store;
    const sut = new RequestLogService(
      store,
      () => new Date(0),
      { retentionDays: 7, maxQueued: 100, batchSize: 3, maxBatchChars: 100 },
      () => undefined,
    );
    const sized = (i: number, chars: number) => ({ ...entry(i), responseBody: 'x'.repeat(chars) });
    [
      sized(0, 40),
      sized(1, 40),
      sized(2, 40),
      sized(3, 500),
      sized(4, 10),
      sized(5, 10),
      sized(6, 10),
      sized(7, 10),
    ].forEach((e) => sut.enqueue(e));
    await sut.flush();
    expect(batches).toEqual([['id-0', 'id-1'], ['id-2'], ['id-3'], ['id-4', 'id-5', 'id-6'], ['id-7']]);
  });
});

describe('request log redaction and truncation', () => {
  it.each([
    [{ password: 'p' }, { password: '[redacted]' }],
    [
      { Operations: [{ op: 'replace', path: 'password', value: 'p' }] },
      { Operations: [{ op: 'replace', path: 'password', value: '[redacted]' }] },
    ],
    [{ nested: { apiToken: 't', name: 'n' } }, { nested: { apiToken: '[redacted]', name: 'n' } }],
    [{ userName: 'ann' }, { userName: 'ann' }],
  ])('redacts %j', (input, expected) => {
    expect(redactValue(input)).toEqual(expected);
  });

  it('keeps short bodies whole and cuts long ones at a UTF-8 boundary with a marker', () => {
    expect(truncateBody('short', 10)).toBe('short');
    const cut = truncateBody('é'.repeat(10), 5);
    expect(cut).toBe('éé…[truncated 16 bytes]');
  });

  it('redacts a body as it cuts it: the same text as redacting the whole body first, when no secret straddles the cut', () => {
    const body = JSON.stringify({
      userName: 'ann',
      password: 'hunter2',
      emails: [{ value: 'x'.repeat(40) }],
    });
    expect(redactBody(body, 1000)).toBe(body.replace('"hunter2"', '"[redacted]"'));
    expect(redactBody(Buffer.from(body), 1000)).toBe(redactBody(body, 1000));
    const cut = redactBody(Buffer.from(body), 60);
    const [kept, marker] = cut.split('…');
    expect(body.replace('"hunter2"', '"[redacted]"').startsWith(kept!)).toBe(true);
    expect(Buffer.byteLength(kept!)).toBeLessThanOrEqual(60);
    // The marker counts the bytes of the body as sent that were never looked at.
    expect(marker).toBe(`[truncated ${Buffer.byteLength(body) - 60} bytes]`);
  });

  it('redacts a secret whose value the cut splits, commas and escapes included', () => {
    const body = JSON.stringify({ userName: 'ann', password: 'a,b\\"c,defghijklmnopqrstuvwxyz' });
    for (let max = 28; max < Buffer.byteLength(body); max++) {
      const kept = redactBody(body, max);
      expect(kept).not.toMatch(/[b-z],|\\"/);
      expect(kept).not.toMatch(/password":\s*"a/);
    }
  });

  it.each([
    ['{"userName":"ann","displayName":"Ann"}', '{"userName":"ann","displayName":"Ann"}'],
    ['{"clientSECRET":"s","n":1}', '{"clientSECRET":"[redacted]","n":1}'],
    ['{"x":{"AuthorizationHeader": "Bearer t"}}', '{"x":{"AuthorizationHeader":"[redacted]"}}'],
    ['{"note":"my password is not a key"}', '{"note":"my password is not a key"}'],
  ])('redacts the JSON text %s, whatever the case of the secret word', (text, expected) => {
    expect(redactBody(text, 1000)).toBe(expected);
  });

  it('never keeps more than the limit, even when redaction lengthens the text', () => {
    const body = JSON.stringify(Array.from({ length: 50 }, () => ({ token: 1 })));
    const kept = redactBody(body, 100);
    expect(Buffer.byteLength(kept.split('…')[0]!)).toBeLessThanOrEqual(100);
    expect(kept).not.toMatch(/"token":1/);
  });
});

describe('a sent body kept as bytes', () => {
  /** What the request log stores: the text, whether the body was kept as bytes or as text. */
  const stored = (body: Buffer, max: number) => keepSentBody(body, max).toString();

  it('is the sent bytes, or their first ones and the marker, when there is nothing to redact', () => {
    const list = Buffer.from(JSON.stringify({ Resources: [{ displayName: 'Ops 🚀 "q" \\ \u0000' }] }));
    const whole = keepSentBody(list, 1000);
    expect(whole instanceof SentBytes && whole.toBuffer().equals(list)).toBe(true);
    const cut = keepSentBody(list, 40);
    expect(cut).toBeInstanceOf(SentBytes);
    expect(cut.toString()).toBe(redactBody(list, 40));
  });

  it.each([
    ['a secret word, whatever its case', '{"userName":"ann","PassWord":"hunter2"}'],
    ['a secret word only in a value', '{"note":"my TOKEN is not a key"}'],
  ])('is the redacted text when the kept part has %s', (_, text) => {
    const kept = keepSentBody(Buffer.from(text), 1000);
    expect(typeof kept).toBe('string');
    expect(kept).toBe(redactBody(text, 1000));
  });

  it('is looked at only where it is kept: a secret word past the cut leaves the bytes', () => {
    const body = Buffer.from(`{"userName":"${'a'.repeat(50)}","password":"p"}`);
    expect(keepSentBody(body, 40)).toBeInstanceOf(SentBytes);
    expect(stored(body, 40)).toBe(redactBody(body, 40));
  });

  it.each([
    ['an emoji split by the cut', 'ab🚀cd', 3],
    ['an emoji split one byte later', 'ab🚀cd', 4],
    ['a two-byte character split by the cut', 'aé', 2],
    ['a U+FFFD ending the kept bytes, dropped as redactBody drops it', 'a\uFFFD\uFFFD', 4],
    ['a U+FFFD before a split character', '\uFFFD🚀', 5],
    ['a NUL, quotes and backslashes', '\u0000\\"\'\u0000x', 4],
  ])('keeps the same text as redactBody with %s', (_, text, max) => {
    const body = Buffer.from(text);
    expect(stored(body, max)).toBe(redactBody(body, max));
  });

  it('keeps what redactBody keeps for bytes that are not UTF-8, as text', () => {
    const body = Buffer.from([0x7b, 0xff, 0xfe, 0x22, 0xc3, 0x28, 0x7d]);
    expect(keepSentBody(body, 5)).toBe(redactBody(body, 5));
    expect(keepSentBody(body, 100)).toBe(redactBody(body, 100));
  });

  it('stores the same text as redactBody for any text and any limit', () => {
    const word = fc.constantFrom(
      'password',
      'Secret',
      'TOKEN',
      'authorization',
      'credential',
      '"',
      '\\',
      ':',
    );
    const text = fc
      .array(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), word), {
        maxLength: 12,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 200 }), (body, max) => {
        expect(stored(Buffer.from(body), max)).toBe(redactBody(Buffer.from(body), max));
      }),
      { numRuns: 3000 },
    );
  });

  it('stores the same text as redactBody for any bytes and any limit', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 70 }), (bytes, max) => {
        const body = Buffer.from(bytes);
        expect(stored(body, max)).toBe(redactBody(body, max));
      }),
      { numRuns: 3000 },
    );
  });
});
