import type { ExtensionValues, UserAttributes, UserInput, UserPatch } from './user';

/**
 * Attribute names whose values differ: the audit summary of a user write (no values, so no secrets).
 * Extension attributes are named one by one (`<schema>:<name>`): "extensions" alone would not tell
 * an auditor which of an organization's own attributes a provisioning run changed.
 */
export function changedAttributes(before: UserAttributes | null, after: UserAttributes): string[] {
  const keys = (Object.keys(after) as (keyof UserAttributes)[]).filter((key) => key !== 'extensions');
  const core = before
    ? keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    : keys.filter((key) => !isEmpty(after[key]));
  return [...core, ...changedExtensions(before?.extensions ?? {}, after.extensions ?? {})];
}

function changedExtensions(before: ExtensionValues, after: ExtensionValues): string[] {
  const changed: string[] = [];
  for (const schema of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [was, is] = [before[schema] ?? {}, after[schema] ?? {}];
    for (const name of new Set([...Object.keys(was), ...Object.keys(is)]))
      if (JSON.stringify(was[name]) !== JSON.stringify(is[name])) changed.push(`${schema}:${name}`);
  }
  return changed;
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
