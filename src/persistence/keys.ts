import { caseKey } from '../domain/shared/text';

/**
 * Key columns that hold values of unbounded length (a displayName, an email) keep the first
 * KEY_LENGTH characters of `caseKey(value)`, so they can be indexed on MySQL (3072-byte index limit).
 * A comparison value at least that long is rechecked against the full column.
 */
export const KEY_LENGTH = 255;

const codePoints = (value: string): string[] => Array.from(value);

/** The stored form of a key: cut to KEY_LENGTH code points (never splitting a surrogate pair). */
export function storedKey(key: string): string {
  const points = codePoints(key);
  return points.length <= KEY_LENGTH ? key : points.slice(0, KEY_LENGTH).join('');
}

/** Whether a key may have been cut when stored, so a match on the stored key is not conclusive. */
export const reachesKeyLength = (key: string): boolean => codePoints(key).length >= KEY_LENGTH;

export const storedKeyOf = (value: string): string => storedKey(caseKey(value));

export const storedKeyOrNull = (value: string | null): string | null =>
  value === null ? null : storedKeyOf(value);
