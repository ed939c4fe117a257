/**
 * Attribute projection for responses (RFC 7644 §3.9) under the `returned` characteristic
 * (RFC 7643 §2.2):
 * - `always` (e.g. `id`) is returned whatever the parameters say; `never` (`password`) never;
 * - `default` is returned unless `excludedAttributes` names it or `attributes` names others;
 * - `request` only when `attributes` names it.
 * Sub-attributes follow the same rules (`name.givenName`, `emails.value`), names are
 * case-insensitive and may be URN-qualified, a schema URN names its whole schema, and `schemas`
 * is always kept. When both parameters are given, `excludedAttributes` trims what `attributes`
 * selected. Attributes the schema does not define are not returned.
 */
import type { JsonObject, JsonValue } from '../json';
import type { NameIndex } from '../json';
import { cloneJson, findKeys, getIgnoringCase, isJsonObject, nameIndex } from '../json';
import type { AttributeDefinition } from '../schema/attribute-definition';
import { COMMON_ATTRIBUTES } from '../schema/common-attributes';
import type { ResourceSchema } from '../schema/resource-schema';
import { resolveAttribute } from '../schema/resolve-attribute';
import type { AttributeSelection, SelectedAttribute } from './attribute-selection';
import { selectAttributes } from './attribute-selection';

export interface ProjectionOptions {
  readonly attributes?: readonly string[];
  readonly excludedAttributes?: readonly string[];
}

interface Projection {
  readonly include: AttributeSelection;
  readonly exclude: AttributeSelection;
  /** Each attribute's decision, made once per projection (so once per list, not per resource). */
  readonly decisions: Map<AttributeDefinition, SubAttributeTest | null>;
  /** What is returned of each schema (by URN) of the resource: see `planFor`. */
  readonly plans: Map<string, Plan>;
}

/**
 * An attribute the projection returns, with the sub-attributes it returns when it is complex, in
 * schema order: deciding is done once per projection, and a resource only reads what is returned.
 */
interface ReturnedAttribute {
  readonly attribute: AttributeDefinition;
  readonly subAttributes: readonly AttributeDefinition[];
  /** `subAttributes`' names, to find them in each value at once. */
  readonly subAttributeNames: NameIndex;
}

/** What is returned of one schema of a resource, and its attributes' names indexed. */
interface Plan {
  readonly attributes: readonly ReturnedAttribute[];
  readonly names: NameIndex;
}

/** Decides, for one attribute, whether it is returned and which sub-attributes are. */
type SubAttributeTest = (sub: AttributeDefinition) => boolean;

const NO_OPTIONS: ProjectionOptions = {};

export function projectResource(
  resource: JsonObject,
  schema: ResourceSchema,
  options: ProjectionOptions = NO_OPTIONS,
): JsonObject {
  const projection = projectionFor(schema, options);
  const schemas = getIgnoringCase(resource, 'schemas');
  const result: JsonObject = schemas === undefined ? {} : { schemas: cloneJson(schemas) };
  const core = planFor(projection, schema.core.id, () => [...COMMON_ATTRIBUTES, ...schema.core.attributes]);
  Object.assign(result, projectSchema(resource, core));
  for (const { schema: extension } of schema.extensions) {
    const container = getIgnoringCase(resource, extension.id);
    if (!isJsonObject(container)) continue;
    const projected = projectSchema(
      container,
      planFor(projection, extension.id, () => extension.attributes),
    );
    if (Object.keys(projected).length > 0) result[extension.id] = projected;
  }
  return result;
}

/**
 * Whether the attribute at `path` would appear in a projected response — lets the facade skip
 * loading data nobody asked for (Entra lists groups with `excludedAttributes=members`).
 */
export function isAttributeReturned(
  schema: ResourceSchema,
  options: ProjectionOptions,
  path: string,
): boolean {
  const resolved = resolveAttribute(schema, path);
  return (
    !!resolved && decisionFor(resolved.attribute, resolved.schemaUrn, projectionFor(schema, options)) !== null
  );
}

/**
 * Projections resolved once per schema (immutable) and parameter text: a list projects up to a
 * thousand resources with the same parameters, and every request of a kind sends the same few
 * attribute lists (most none at all), so resolving the names and deciding each attribute again for
 * every resource, or every request, was most of the projection's cost. Keyed by content, not by the
 * options object, which each request builds anew. A client sending ever new lists only refills it.
 */
const projections = new WeakMap<ResourceSchema, Map<string, Projection>>();
const MAX_PROJECTIONS_PER_SCHEMA = 256;

function projectionFor(schema: ResourceSchema, options: ProjectionOptions): Projection {
  // Names never hold a comma (the parameter is split on commas), so the join is unambiguous.
  const key = `${options.attributes?.join(',') ?? ''}\u0000${options.excludedAttributes?.join(',') ?? ''}`;
  let byKey = projections.get(schema);
  if (!byKey) projections.set(schema, (byKey = new Map()));
  let projection = byKey.get(key);
  if (!projection) {
    if (byKey.size >= MAX_PROJECTIONS_PER_SCHEMA) byKey.clear();
    projection = {
      include: selectAttributes(schema, options.attributes ?? []),
      exclude: selectAttributes(schema, options.excludedAttributes ?? []),
      decisions: new Map(),
      plans: new Map(),
    };
    byKey.set(key, projection);
  }
  return projection;
}

/** The attributes of one schema of the resource that the projection returns, in schema order. */
function planFor(
  projection: Projection,
  schemaUrn: string,
  attributes: () => readonly AttributeDefinition[],
): Plan {
  let plan = projection.plans.get(schemaUrn);
  if (!plan) {
    const returned = attributes().flatMap((attribute): ReturnedAttribute[] => {
      const test = decisionFor(attribute, schemaUrn, projection);
      if (test === null) return [];
      const subAttributes = (attribute.subAttributes ?? []).filter(test);
      return [{ attribute, subAttributes, subAttributeNames: namesOf(subAttributes) }];
    });
    plan = { attributes: returned, names: namesOf(returned.map(({ attribute }) => attribute)) };
    projection.plans.set(schemaUrn, plan);
  }
  return plan;
}

const namesOf = (attributes: readonly AttributeDefinition[]) => nameIndex(attributes.map(({ name }) => name));

function projectSchema(container: JsonObject, plan: Plan): JsonObject {
  const result: JsonObject = {};
  const keys = findKeys(container, plan.names);
  for (let at = 0; at < keys.length; at++) {
    const value = valueAt(container, keys[at]);
    if (value === undefined) continue;
    const returned = plan.attributes[at]!;
    const projected = projectValue(returned, value);
    if (projected !== undefined) result[returned.attribute.name] = projected;
  }
  return result;
}

/** `subAttributeTest`, remembered: an attribute object belongs to one schema of the projection's. */
function decisionFor(
  attribute: AttributeDefinition,
  schemaUrn: string,
  projection: Projection,
): SubAttributeTest | null {
  const known = projection.decisions.get(attribute);
  if (known !== undefined) return known;
  const decision = subAttributeTest(attribute, schemaUrn, projection);
  projection.decisions.set(attribute, decision);
  return decision;
}

/** Null when the attribute is not returned; otherwise the test for its sub-attributes. */
function subAttributeTest(
  attribute: AttributeDefinition,
  schemaUrn: string,
  projection: Projection,
): SubAttributeTest | null {
  if (!isReturned(attribute, schemaUrn, projection)) return null;
  if (attribute.returned === 'always') return (sub) => sub.returned !== 'never';
  const included = projection.include.get(schemaUrn, attribute.name);
  const excluded = projection.exclude.get(schemaUrn, attribute.name);
  return selectSubAttributes(included, excluded);
}

function isReturned(attribute: AttributeDefinition, schemaUrn: string, projection: Projection): boolean {
  if (attribute.returned === 'never' || attribute.returned === 'always') {
    return attribute.returned === 'always';
  }
  const urn = schemaUrn.toLowerCase();
  if (projection.exclude.get(schemaUrn, attribute.name)?.whole || projection.exclude.wholeSchemas.has(urn)) {
    return false;
  }
  if (projection.include.isEmpty) return attribute.returned === 'default';
  const wholeSchema = projection.include.wholeSchemas.has(urn) && attribute.returned === 'default';
  return wholeSchema || projection.include.get(schemaUrn, attribute.name) !== undefined;
}

/**
 * Sub-attributes named in `attributes` are the only ones returned; otherwise every `default`
 * one except those named in `excludedAttributes`. `always`/`never` win either way.
 */
function selectSubAttributes(included?: SelectedAttribute, excluded?: SelectedAttribute): SubAttributeTest {
  const named = included && !included.whole ? included.subAttributes : undefined;
  return (sub) => {
    if (sub.returned === 'always' || sub.returned === 'never') return sub.returned === 'always';
    const name = sub.name.toLowerCase();
    if (named) return named.has(name);
    if (excluded?.subAttributes.has(name)) return false;
    return sub.returned === 'default' || !!included?.subAttributes.has(name);
  };
}

function projectValue(returned: ReturnedAttribute, value: JsonValue): JsonValue | undefined {
  if (returned.attribute.type !== 'complex') return cloneJson(value);
  if (!Array.isArray(value)) return projectComplex(value, returned);
  const values: JsonObject[] = [];
  for (const item of value) {
    const projected = projectComplex(item, returned);
    if (projected !== undefined) values.push(projected);
  }
  return values.length > 0 ? values : undefined;
}

/** The sub-attributes of a complex value that are returned; undefined when none is there. */
function projectComplex(value: JsonValue, returned: ReturnedAttribute): JsonObject | undefined {
  if (!isJsonObject(value)) return undefined;
  const result: JsonObject = {};
  let any = false;
  const keys = findKeys(value, returned.subAttributeNames);
  for (let at = 0; at < keys.length; at++) {
    const item = valueAt(value, keys[at]);
    if (item === undefined) continue;
    result[returned.subAttributes[at]!.name] = cloneJson(item);
    any = true;
  }
  return any ? result : undefined;
}

/** The value under a key `findKeys` found; undefined when it found none (or the key holds none). */
const valueAt = (object: JsonObject, key: string | undefined): JsonValue | undefined =>
  key === undefined ? undefined : object[key];
