import { RETRY_SCHEDULE_MS, nextAttemptAt } from '../../../../src/domain/webhooks/retry-schedule';

describe('retry schedule', () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it('waits 5 s, 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then gives up (8 attempts)', () => {
    const middle = () => 0.5; // no jitter
    const waits = [1, 2, 3, 4, 5, 6, 7].map(
      (attempts) => nextAttemptAt(RETRY_SCHEDULE_MS, attempts, now, middle)!.getTime() - now.getTime(),
    );
    expect(waits).toEqual([5_000, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 43_200_000]);
    expect(nextAttemptAt(RETRY_SCHEDULE_MS, 8, now, middle)).toBeNull();
  });

  it('jitters each wait by at most ±20 %', () => {
    const low = nextAttemptAt(RETRY_SCHEDULE_MS, 2, now, () => 0)!.getTime() - now.getTime();
    const high = nextAttemptAt(RETRY_SCHEDULE_MS, 2, now, () => 0.999_999)!.getTime() - now.getTime();
    expect(low).toBe(48_000);
    expect(high).toBeGreaterThan(71_990);
    expect(high).toBeLessThanOrEqual(72_000);
  });
});
