import type { AttrPath, Filter } from '../protocol';

/** The GraphQL `Filter` input (schema/identity.graphql). */
export type GraphqlFilter =
  | { and: GraphqlFilter[] }
  | { or: GraphqlFilter[] }
  | { not: GraphqlFilter }
  | { condition: { attribute: string; op: string; value?: string | number | boolean | null } }
  | { some: { attribute: string; filter: GraphqlFilter } };

/**
 * An attribute path as the GraphQL API names it: SCIM's own spelling, URN-qualified for extension
 * attributes (`urn:…:enterprise:2.0:User:department`), core attributes without their URN.
 */
export function graphqlPath(path: AttrPath): string {
  const name = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  return path.schema ? `${path.schema}:${name}` : name;
}

/** A resolved SCIM filter (see protocol `resolveFilter`) as the GraphQL filter input, node by node. */
export function filterToGraphql(filter: Filter): GraphqlFilter {
  switch (filter.kind) {
    case 'and':
      return { and: filter.filters.map(filterToGraphql) };
    case 'or':
      return { or: filter.filters.map(filterToGraphql) };
    case 'not':
      return { not: filterToGraphql(filter.filter) };
    case 'present':
      return { condition: { attribute: graphqlPath(filter.path), op: 'PR' } };
    case 'compare':
      return {
        condition: { attribute: graphqlPath(filter.path), op: filter.op.toUpperCase(), value: filter.value },
      };
    case 'valuePath':
      return { some: { attribute: graphqlPath(filter.path), filter: filterToGraphql(filter.filter) } };
    default: {
      const unreachable: never = filter;
      return unreachable;
    }
  }
}
