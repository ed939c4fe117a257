/**
 * `bulkId` references (RFC 7644 §3.7.2): "The service provider MUST replace the string
 * "bulkId:qwerty" with the permanent resource id once created", in the data of any operation —
 * "Extensions that include references to other resources MUST be handled in the same way" — and
 * in paths such as `/Groups/bulkId:qwerty` (the id `parseBulkPath` returns is passed here too).
 *
 * A reference is a whole string value; a longer string that merely contains `bulkId:` is data.
 *
 * A reference that cannot be resolved — no POST of the request declared that bulkId, or its POST
 * failed (and did not find the resource an earlier attempt of the request made, see
 * `resources/bulk.ts`), or it is part of a cycle — is `409` without a scimType. RFC 7644 says nothing about an
 * unknown bulkId; the one failure it names is the circular one, §3.7.1: "The service provider
 * MUST try to resolve circular cross-references between resources in a single bulk job but MAY
 * stop after a failed attempt and instead return HTTP status code 409 (Conflict)". It gives no
 * scimType: Table 9 keywords are defined "For HTTP status code 400 (Bad Request) responses", so
 * none goes with a 409 (`invalidValue` would need a 400).
 */
import type { JsonObject, JsonValue } from '../json';
import { isJsonObject } from '../json';
import { plainError } from '../scim-error';
import { BULK_ID_PREFIX, bulkIdReference } from './bulk-operation';

/**
 * Returns a copy of `value` with every `bulkId:<x>` string replaced by `resolved.get(x)`. The walk
 * uses an explicit stack, so deeply nested data (a body is parsed without a depth limit) cannot
 * overflow the call stack.
 */
export function resolveBulkIds<T extends JsonValue>(value: T, resolved: ReadonlyMap<string, string>): T {
  let result: JsonValue = null;
  const tasks: CopyTask[] = [{ source: value, assign: (copy) => (result = copy) }];
  for (let task = tasks.pop(); task !== undefined; task = tasks.pop()) {
    task.assign(copyShallow(task.source, resolved, tasks));
  }
  return result as T;
}

interface CopyTask {
  readonly source: JsonValue;
  readonly assign: (copy: JsonValue) => void;
}

/** Copies one level; children are queued and written into the copy when their turn comes. */
function copyShallow(source: JsonValue, resolved: ReadonlyMap<string, string>, tasks: CopyTask[]): JsonValue {
  if (typeof source === 'string') return resolveString(source, resolved);
  if (Array.isArray(source)) {
    const copy: JsonValue[] = source.map(() => null);
    source.forEach((item, index) => tasks.push({ source: item, assign: (child) => (copy[index] = child) }));
    return copy;
  }
  if (isJsonObject(source)) {
    // Keys are created in source order now and filled later; Object.fromEntries defines own
    // properties, so a "__proto__" key stays data.
    const copy: JsonObject = Object.fromEntries(Object.keys(source).map((key) => [key, null]));
    for (const [key, item] of Object.entries(source)) {
      tasks.push({ source: item, assign: (child) => (copy[key] = child) });
    }
    return copy;
  }
  return source;
}

function resolveString(value: string, resolved: ReadonlyMap<string, string>): string {
  const bulkId = bulkIdReference(value);
  if (bulkId === undefined) return value;
  const id = resolved.get(bulkId);
  if (id === undefined) {
    throw plainError(
      409,
      `"${BULK_ID_PREFIX}${bulkId}" does not name a resource created by an earlier operation of this bulk request`,
    );
  }
  return id;
}

/** The distinct bulkIds referenced anywhere in `value`, in order of first appearance. */
export function bulkIdReferences(value: JsonValue | undefined): string[] {
  const found = new Set<string>();
  const pending: (JsonValue | undefined)[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      const bulkId = bulkIdReference(next);
      if (bulkId !== undefined) found.add(bulkId);
    } else if (Array.isArray(next)) {
      for (let index = next.length - 1; index >= 0; index--) pending.push(next[index]);
    } else if (isJsonObject(next)) {
      const children = Object.values(next);
      for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]);
    }
  }
  return [...found];
}
