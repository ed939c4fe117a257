import fc from 'fast-check';
import { RetrySchedule } from '../../../src/http/retry-schedule';

describe('RetrySchedule', () => {
  let now = 0;
  const schedule = (min: number, max: number, perSecond: number) =>
    new RetrySchedule(min, max, perSecond, () => now);
  beforeEach(() => (now = 5_000));

  it('gives every refusal the shortest delay while few are refused', () => {
    const sut = schedule(1, 30, 3);
    expect([sut.next(), sut.next(), sut.next()]).toEqual([1, 1, 1]);
    now += 1_000;
    expect([sut.next(), sut.next()]).toEqual([1, 1]);
  });

  it('spreads a crowd refused at once over the coming seconds, perSecond in each', () => {
    const sut = schedule(1, 30, 100);
    const delays = Array.from({ length: 1_000 }, () => sut.next());
    const perDelay = new Map<number, number>();
    for (const d of delays) perDelay.set(d, (perDelay.get(d) ?? 0) + 1);
    expect([...perDelay.entries()].sort((a, b) => a[0] - b[0])).toEqual(
      Array.from({ length: 10 }, (_, i) => [i + 1, 100]),
    );
  });

  it('counts clients by the second they come back in, whenever they were refused', () => {
    const sut = schedule(1, 30, 2);
    expect([sut.next(), sut.next(), sut.next()]).toEqual([1, 1, 2]); // back at seconds 6, 6, 7
    now += 1_000; // second 6: second 7 already has one returning, and second 8 none
    expect([sut.next(), sut.next(), sut.next()]).toEqual([1, 2, 2]);
  });

  it('never goes past the longest delay: a crowd beyond it is spread at random over the range', () => {
    const sut = schedule(2, 4, 1);
    expect([sut.next(), sut.next(), sut.next()]).toEqual([2, 3, 4]);
    for (let i = 0; i < 50; i++) expect([2, 3, 4]).toContain(sut.next());
  });

  it('forgets the seconds that have passed, however long nothing was refused', () => {
    const sut = schedule(1, 30, 1);
    expect([sut.next(), sut.next()]).toEqual([1, 2]);
    now += 3_600_000;
    expect(sut.next()).toBe(1);
  });

  it('never tells more than perSecond clients to come back in the same second, within the range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat({ max: 1_500 }), { minLength: 1, maxLength: 200 }),
        (perSecond, gaps) => {
          let clock = 1_000;
          const sut = new RetrySchedule(1, 30, perSecond, () => clock);
          const back = new Map<number, number>();
          for (const gap of gaps) {
            clock += gap;
            const delay = sut.next();
            expect(delay).toBeGreaterThanOrEqual(1);
            expect(delay).toBeLessThanOrEqual(30);
            const second = Math.floor(clock / 1000) + delay;
            back.set(second, (back.get(second) ?? 0) + 1);
          }
          // A second gets more than perSecond only from the random fallback, which needs every second
          // of the range full first: more than 30 × perSecond refusals.
          const full = [...back.values()].some((n) => n > perSecond);
          if (full) expect(gaps.length).toBeGreaterThan(30 * perSecond);
        },
      ),
    );
  });
});
