import type { ValueNode } from 'graphql';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import type { FilterValue } from '../../domain/filter/filter';

const EXPECTED = 'FilterValue must be a String, Int, Float or Boolean';

function checkValue(value: unknown): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new GraphQLError(`${EXPECTED}; got ${Array.isArray(value) ? 'a list' : typeof value}`);
}

function parseLiteral(node: ValueNode): string | number | boolean {
  switch (node.kind) {
    case Kind.STRING:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
      return Number.parseInt(node.value, 10);
    case Kind.FLOAT:
      return checkValue(Number.parseFloat(node.value));
    default:
      throw new GraphQLError(`${EXPECTED} literal; got ${node.kind}`, { nodes: node });
  }
}

/**
 * The value side of a filter condition. The attribute's type decides what the value must be (the
 * domain checks it), so the scalar only admits the four JSON primitives: objects and lists are
 * rejected here, before a resolver runs. Dates are ISO 8601 strings.
 */
export const FilterValueScalar = new GraphQLScalarType<FilterValue, FilterValue>({
  name: 'FilterValue',
  description: 'A filter comparison value: a String, Int, Float or Boolean (dates as ISO 8601 strings).',
  serialize: checkValue,
  parseValue: checkValue,
  parseLiteral,
});
