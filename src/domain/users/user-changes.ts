import type { UserAttributes, UserInput, UserPatch } from './user';

/** Attribute names whose values differ: the audit summary of a user write (no values, so no secrets). */
export function changedAttributes(before: UserAttributes | null, after: UserAttributes): string[] {
  const keys = Object.keys(after) as (keyof UserAttributes)[];
  if (!before) return keys.filter((key) => !isEmpty(after[key]));
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

const isEmpty = (value: unknown): boolean =>
  value === null ||
  value === undefined ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && Object.keys(value as object).length === 0);

/** Applies a partial update: `undefined` keeps an attribute, `null` clears it. */
export function mergeUserPatch(current: UserAttributes, patch: UserPatch): UserInput {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined && key !== 'password') merged[key] = value;
  }
  return merged as unknown as UserInput;
}
