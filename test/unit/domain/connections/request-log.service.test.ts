import { RequestLogService } from '../../../../src/domain/connections/request-log.service';
import type { ConnectionRequestRecord } from '../../../../src/domain/connections/request-log';
import { redactValue, truncateBody } from '../../../../src/domain/connections/request-log';
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
      { retentionDays: 7, maxQueued: 3, batchSize: 2 },
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
});
