/**
 * A filter from the service root (`POST /.search`, RFC 7644 §3.4.3) as it applies to one resource
 * type: "the search is across all resource types", so each type gets the part of the filter it can
 * answer.
 *
 * - `schemas` and `meta.resourceType` conditions select resource types (RFC 7644 §3.4.2.2 filters
 *   on `schemas`; §3.4.3 searches "more than one resource type"): they are decided here, per type.
 *   A type's `schemas` are its core schema and the extension schemas it declares.
 * - A condition on an attribute the type does not define matches none of its resources.
 * - `and`/`or`/`not` then fold: the result is a filter for the type, or `true` (every resource of
 *   the type) or `false` (none, so the type is not queried).
 */
import type { AttrPath } from '../attr-path';
import type { ResourceSchema } from '../schema/resource-schema';
import { resolveAttribute } from '../schema/resolve-attribute';
import type { CompareFilter, Filter } from './filter-ast';

export function narrowFilter(filter: Filter, schema: ResourceSchema): Filter | boolean {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return narrowLogical(filter.kind, filter.filters, schema);
    case 'not': {
      const inner = narrowFilter(filter.filter, schema);
      return typeof inner === 'boolean' ? !inner : { kind: 'not', filter: inner };
    }
    case 'present':
    case 'compare':
    case 'valuePath': {
      const selected = typeValues(filter.path, schema);
      if (selected) return filter.kind === 'compare' ? compareAny(selected, filter) : true;
      return resolveAttribute(schema, filter.path) ? filter : false;
    }
  }
}

function narrowLogical(kind: 'and' | 'or', filters: readonly Filter[], schema: ResourceSchema) {
  const decisive = kind === 'or';
  const parts = filters.map((item) => narrowFilter(item, schema));
  if (parts.includes(decisive)) return decisive;
  const open = parts.filter((part): part is Filter => typeof part !== 'boolean');
  if (open.length === 0) return !decisive;
  return open.length === 1 ? open[0] : { kind, filters: open };
}

/** The values a type-selecting path has for every resource of the type; undefined for other paths. */
function typeValues(path: AttrPath, schema: ResourceSchema): readonly string[] | undefined {
  if (path.schema !== undefined) return undefined;
  const attribute = path.attribute.toLowerCase();
  const sub = path.subAttribute?.toLowerCase();
  if (attribute === 'schemas' && sub === undefined) {
    return [schema.core.id, ...schema.extensions.map((extension) => extension.schema.id)];
  }
  if (attribute === 'meta' && sub === 'resourcetype') return [schema.name];
  return undefined;
}

/** URNs and resource type names compare case-insensitively. */
function compareAny(values: readonly string[], { op, value }: CompareFilter): boolean {
  if (typeof value !== 'string') return false;
  const wanted = value.toLowerCase();
  const lowered = values.map((item) => item.toLowerCase());
  switch (op) {
    case 'eq':
      return lowered.includes(wanted);
    case 'ne':
      return !lowered.includes(wanted);
    case 'co':
      return lowered.some((item) => item.includes(wanted));
    case 'sw':
      return lowered.some((item) => item.startsWith(wanted));
    case 'ew':
      return lowered.some((item) => item.endsWith(wanted));
    default:
      return false;
  }
}
