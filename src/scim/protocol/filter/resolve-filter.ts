/**
 * Checks a parsed filter against a resource schema and returns it in canonical form: every path
 * spelled as the schema spells it (extension attributes URN-qualified, core ones not), values
 * coerced to the attribute's type, and a comparison on a complex attribute rewritten to its
 * `value` sub-attribute (RFC 7644 §3.4.2.2: `emails co "example.com"` matches on the email
 * address). Anything the schema cannot support is `400 invalidFilter`, which RFC 7644 §3.12
 * defines as covering "the specified attribute and filter comparison combination is not
 * supported".
 *
 * Callers that translate filters (SCIM → GraphQL) should resolve first and translate the result.
 */
import type { AttrPath } from '../attr-path';
import { formatAttrPath } from '../attr-path';
import type { AttributeDefinition } from '../schema/attribute-definition';
import { findAttribute, valueSubAttribute } from '../schema/attribute-definition';
import type { ResourceSchema } from '../schema/resource-schema';
import { resolveAttribute } from '../schema/resolve-attribute';
import { badRequest } from '../scim-error';
import { checkComparison } from './check-comparison';
import type { Filter } from './filter-ast';

interface ResolvedPath {
  readonly path: AttrPath;
  readonly attribute: AttributeDefinition;
  /** The definition the path ends at: the sub-attribute if there is one. */
  readonly target: AttributeDefinition;
}

type PathResolver = (path: AttrPath) => ResolvedPath | null;

export function resolveFilter(filter: Filter, schema: ResourceSchema): Filter {
  return resolveNode(filter, resourceResolver(schema), true);
}

/** Resolves the bracketed filter of a value path whose paths name sub-attributes of `attribute`. */
export function resolveValueFilter(filter: Filter, attribute: AttributeDefinition): Filter {
  return resolveNode(filter, valueResolver(attribute), false);
}

function resolveNode(filter: Filter, resolve: PathResolver, atResourceLevel: boolean): Filter {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return {
        kind: filter.kind,
        filters: filter.filters.map((item) => resolveNode(item, resolve, atResourceLevel)),
      };
    case 'not':
      return { kind: 'not', filter: resolveNode(filter.filter, resolve, atResourceLevel) };
    case 'present':
      return { kind: 'present', path: mustResolve(resolve, filter.path).path };
    case 'compare': {
      const resolved = comparedPath(mustResolve(resolve, filter.path));
      const value = checkComparison(resolved.target, filter.op, filter.value, formatAttrPath(resolved.path));
      return { kind: 'compare', path: resolved.path, op: filter.op, value };
    }
    case 'valuePath': {
      const resolved = mustResolve(resolve, filter.path);
      if (!atResourceLevel || resolved.target.type !== 'complex') {
        throw badRequest('invalidFilter', `"${formatAttrPath(filter.path)}[...]" needs a complex attribute`);
      }
      return {
        kind: 'valuePath',
        path: resolved.path,
        filter: resolveValueFilter(filter.filter, resolved.target),
      };
    }
  }
}

function mustResolve(resolve: PathResolver, path: AttrPath): ResolvedPath {
  const resolved = resolve(path);
  if (!resolved) throw badRequest('invalidFilter', `Unknown attribute "${formatAttrPath(path)}" in filter`);
  return resolved;
}

/** A comparison on a complex attribute compares its `value` sub-attribute, if it has one. */
function comparedPath(resolved: ResolvedPath): ResolvedPath {
  if (resolved.target.type !== 'complex') return resolved;
  const value = valueSubAttribute(resolved.target);
  if (!value || resolved.path.subAttribute !== undefined) {
    throw badRequest(
      'invalidFilter',
      `Complex attribute "${formatAttrPath(resolved.path)}" cannot be compared`,
    );
  }
  return {
    path: { ...resolved.path, subAttribute: value.name },
    attribute: resolved.attribute,
    target: value,
  };
}

function resourceResolver(schema: ResourceSchema): PathResolver {
  return (path) => {
    const resolved = resolveAttribute(schema, path);
    if (!resolved) return null;
    const canonical: AttrPath = {
      ...(resolved.isExtension && { schema: resolved.schemaUrn }),
      attribute: resolved.attribute.name,
      ...(resolved.subAttribute && { subAttribute: resolved.subAttribute.name }),
    };
    return {
      path: canonical,
      attribute: resolved.attribute,
      target: resolved.subAttribute ?? resolved.attribute,
    };
  };
}

function valueResolver(parent: AttributeDefinition): PathResolver {
  return (path) => {
    const sub = path.schema === undefined && path.subAttribute === undefined;
    const attribute = sub ? findAttribute(parent.subAttributes, path.attribute) : undefined;
    return attribute ? { path: { attribute: attribute.name }, attribute, target: attribute } : null;
  };
}
