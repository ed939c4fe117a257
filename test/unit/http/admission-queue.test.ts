import type { QueueSettings } from '../../../src/http/admission-queue';
import { AdmissionQueue } from '../../../src/http/admission-queue';

interface Item {
  readonly name: string;
  readonly since: number;
}

const SETTINGS: QueueSettings = {
  maxQueued: 4,
  maxQueueMs: 5_000,
  sheddingQueueMs: 10,
  sheddingForMs: 1_000,
};

/** A queue on jest's fake clock: `Date.now()` and the timers move only when the test advances them. */
function queue(settings: Partial<QueueSettings> = {}) {
  const expired: string[] = [];
  const sut = new AdmissionQueue<Item>(
    { ...SETTINGS, ...settings },
    (item) => expired.push(item.name),
    () => Date.now(),
  );
  const push = (...names: string[]) => {
    for (const name of names) sut.push({ name, since: Date.now() });
  };
  const takeAll = () => {
    const taken: string[] = [];
    for (let item = sut.take(); item; item = sut.take()) taken.push(item.name);
    return taken;
  };
  return { sut, expired, push, takeAll };
}

describe('AdmissionQueue', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('serves in arrival order with the long deadline while nothing has been shed', () => {
    const q = queue();
    q.push('a', 'b');
    jest.advanceTimersByTime(4_000);
    q.push('c');
    expect(q.sut.shedding).toBe(false);
    expect(q.expired).toEqual([]);
    expect(q.takeAll()).toEqual(['a', 'b', 'c']);
  });

  it('refuses a waiter when the long deadline passes, oldest first', () => {
    const q = queue();
    q.push('a');
    jest.advanceTimersByTime(100);
    q.push('b');
    jest.advanceTimersByTime(4_899);
    expect(q.expired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(q.expired).toEqual(['a']);
    jest.advanceTimersByTime(100);
    expect(q.expired).toEqual(['a', 'b']);
    expect(q.sut.length).toBe(0);
  });

  it('has room up to maxQueued, and none when waits are not allowed at all', () => {
    const q = queue({ maxQueued: 2 });
    q.push('a');
    expect(q.sut.hasRoom).toBe(true);
    q.push('b');
    expect(q.sut.hasRoom).toBe(false);
    expect(queue({ maxQueueMs: 0, sheddingQueueMs: 0 }).sut.hasRoom).toBe(false);
  });

  it('once something is shed, cuts every wait to the short deadline at once and serves newest first', () => {
    const q = queue();
    q.push('a', 'b');
    jest.advanceTimersByTime(5);
    q.push('c', 'd');
    jest.advanceTimersByTime(7);
    // The queue overflowed: a and b have waited 12 ms, past the short deadline; c and d 7 ms.
    q.sut.noteShed();
    expect(q.sut.shedding).toBe(true);
    expect(q.expired).toEqual(['a', 'b']);
    q.push('e');
    expect(q.takeAll()).toEqual(['e', 'd', 'c']);
  });

  it('refuses waiters that reach the short deadline while shedding, on one timer', () => {
    const q = queue();
    q.sut.noteShed();
    q.push('a');
    jest.advanceTimersByTime(4);
    q.push('b');
    jest.advanceTimersByTime(6);
    expect(q.expired).toEqual(['a']);
    jest.advanceTimersByTime(3);
    expect(q.expired).toEqual(['a']);
    jest.advanceTimersByTime(1);
    expect(q.expired).toEqual(['a', 'b']);
  });

  it('keeps shedding while refusals go on, and returns to the long wait in order a second after the last', () => {
    const q = queue();
    q.sut.noteShed();
    jest.advanceTimersByTime(600);
    q.push('a');
    jest.advanceTimersByTime(10);
    // a's expiry is itself a refusal, and extends the shedding.
    expect(q.expired).toEqual(['a']);
    jest.advanceTimersByTime(999);
    expect(q.sut.shedding).toBe(true);
    jest.advanceTimersByTime(1);
    expect(q.sut.shedding).toBe(false);
    q.push('b', 'c');
    jest.advanceTimersByTime(1_000);
    expect(q.expired).toEqual(['a']);
    expect(q.takeAll()).toEqual(['b', 'c']);
  });

  it('lets a waiter whose client left be removed, and re-arms for the next oldest', () => {
    const q = queue();
    const a = { name: 'a', since: Date.now() };
    q.sut.push(a);
    jest.advanceTimersByTime(1_000);
    q.push('b');
    expect(q.sut.remove(a)).toBe(true);
    expect(q.sut.remove(a)).toBe(false);
    jest.advanceTimersByTime(4_000);
    expect(q.expired).toEqual([]);
    jest.advanceTimersByTime(1_000);
    expect(q.expired).toEqual(['b']);
  });
});
