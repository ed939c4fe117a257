/**
 * JSON value types and the few helpers every protocol module needs to read SCIM resources, whose
 * attribute names are case-insensitive (RFC 7643 §2.1).
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The actual key of `object` that matches `name` case-insensitively, if any. */
export function findKey(object: JsonObject, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(object, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}

/** Names looked up together in many objects (see `findKeys`), indexed once. */
export interface NameIndex {
  readonly size: number;
  readonly exact: ReadonlyMap<string, number>;
  readonly lowerCased: ReadonlyMap<string, number>;
}

export function nameIndex(names: readonly string[]): NameIndex {
  return {
    size: names.length,
    exact: new Map(names.map((name, at) => [name, at])),
    lowerCased: new Map(names.map((name, at) => [name.toLowerCase(), at])),
  };
}

/**
 * For each name of `index`, in its order, what `findKey` would answer — the key of that exact
 * case, else the first in `Object.keys` order that matches ignoring case — found by walking the
 * object's keys once. Projecting a resource looks up every attribute of its schema, most of them
 * absent, and a miss made `findKey` lower-case every key of the object.
 */
export function findKeys(object: JsonObject, index: NameIndex): (string | undefined)[] {
  const found = new Array<string | undefined>(index.size);
  for (const key of Object.keys(object)) {
    const exactly = index.exact.get(key);
    if (exactly !== undefined) {
      found[exactly] = key;
      continue;
    }
    const at = index.lowerCased.get(key.toLowerCase());
    if (at !== undefined && found[at] === undefined) found[at] = key;
  }
  return found;
}

/** The value stored under `name` (case-insensitive), or undefined. */
export function getIgnoringCase(object: JsonObject, name: string): JsonValue | undefined {
  const key = findKey(object, name);
  return key === undefined ? undefined : object[key];
}

/**
 * Sets `object[name]`, replacing any differently-cased key so a resource never holds both
 * `userName` and `username`. `__proto__` is defined as a plain property (an assignment would set
 * the prototype); any other name is assigned, which on a JSON object (own data properties only,
 * Object.prototype's all writable) defines the same property, without defineProperty's cost.
 */
export function setIgnoringCase(object: JsonObject, name: string, value: JsonValue): void {
  const existing = findKey(object, name);
  if (existing !== undefined && existing !== name) delete object[existing];
  if (name === '__proto__')
    Object.defineProperty(object, name, { value, writable: true, enumerable: true, configurable: true });
  else object[name] = value;
}

export function deleteIgnoringCase(object: JsonObject, name: string): void {
  const existing = findKey(object, name);
  if (existing !== undefined) delete object[existing];
}

/**
 * A deep copy built with Object.fromEntries, which defines own properties — so a parsed
 * `"__proto__"` key is copied as data instead of replacing the copy's prototype.
 */
export function cloneJson<T extends JsonValue>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => cloneJson(item)) as T;
  if (isJsonObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cloneJson(item)])) as T;
  }
  return value;
}

/** RFC 7643 §2.5: unassigned, null and an empty array are the same state. */
export function isUnassigned(value: JsonValue | undefined): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}
