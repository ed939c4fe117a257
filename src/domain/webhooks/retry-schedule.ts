const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Waits before the 2nd, 3rd, … attempt; after the last one fails the delivery is dead (8 attempts). */
export const RETRY_SCHEDULE_MS: readonly number[] = [
  5 * SECOND,
  MINUTE,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  6 * HOUR,
  12 * HOUR,
];

/** An endpoint whose deliveries have only failed for this long is disabled. */
export const AUTO_DISABLE_AFTER_MS = 3 * 24 * HOUR;

/** ±20 %: retries of many deliveries that failed together do not arrive together. */
const JITTER = 0.2;

/**
 * When the next attempt is due after `attempts` failed ones, or null when that was the last one.
 * `random` returns [0, 1) (Math.random; injectable for tests).
 */
export function nextAttemptAt(
  schedule: readonly number[],
  attempts: number,
  now: Date,
  random: () => number = Math.random,
): Date | null {
  const base = schedule[attempts - 1];
  if (base === undefined) return null;
  const jitter = base * JITTER * (2 * random() - 1);
  return new Date(now.getTime() + Math.round(base + jitter));
}
