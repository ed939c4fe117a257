import type {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLScalarType,
  GraphQLSchema,
  VariableDefinitionNode,
} from 'graphql';
import {
  isEnumType,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  isScalarType,
  typeFromAST,
  valueFromAST,
} from 'graphql';

/** Coerced variable values, or undefined when graphql-js must coerce them (and report what is wrong). */
export type VariableCoercion = (
  inputs: Readonly<Record<string, unknown>>,
) => Record<string, unknown> | undefined;

/** "Not a value of this type": graphql-js would report an error here. */
const INVALID = Symbol('invalid');
type Coerce = (value: unknown) => unknown;

/**
 * The variables of one operation coerced as graphql-js's `getVariableValues` coerces valid ones —
 * the same defaults, scalar and enum parsing, lists of one, and input objects holding exactly the
 * fields given — compiled once per operation: per call it walks the value, not the type (graphql-js
 * looks up every field definition, and builds a path for its error messages, on every call).
 *
 * It answers only for values graphql-js accepts. At anything graphql-js would refuse (or that is
 * not plain JSON data, such as a Set for a list) it gives up, and the caller runs `getVariableValues`,
 * whose errors — words, paths and all — are what clients see. Undefined when an operation has
 * something this does not handle (a OneOf input, a type the schema lacks): graphql-js then always coerces.
 */
export function compileVariableCoercion(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
): VariableCoercion | undefined {
  const coercers = new Coercers();
  const variables: {
    name: string;
    definition: VariableDefinitionNode;
    type: GraphQLInputType;
    coerce: Coerce;
  }[] = [];
  for (const definition of definitions) {
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type)) return undefined;
    const coerce = coercers.of(type);
    if (!coerce) return undefined;
    variables.push({ name: definition.variable.name.value, definition, type, coerce });
  }
  return (inputs) => {
    const coerced: Record<string, unknown> = {};
    for (const { name, definition, type, coerce } of variables) {
      if (!Object.prototype.hasOwnProperty.call(inputs, name)) {
        if (definition.defaultValue) coerced[name] = valueFromAST(definition.defaultValue, type);
        else if (isNonNullType(type)) return undefined;
        continue;
      }
      const value = coerce(inputs[name]);
      if (value === INVALID) return undefined;
      coerced[name] = value;
    }
    return coerced;
  };
}

/** One coercer per input type; an input object's is made before its fields', so recursive types work. */
class Coercers {
  private readonly byType = new Map<GraphQLInputType, Coerce | null>();

  of(type: GraphQLInputType): Coerce | null {
    if (this.byType.has(type)) return this.byType.get(type) ?? null;
    if (isNonNullType(type)) return this.nonNull(type.ofType);
    if (isListType(type)) return this.list(type.ofType);
    if (isScalarType(type) || isEnumType(type)) return nullable(leaf(type));
    if (!isInputObjectType(type) || type.isOneOf) return null;
    // The fields are read when the first value arrives: by then every type has its coercer.
    let object: Coerce | null = null;
    const coerce = nullable((value) => (object ??= this.inputObject(type))(value));
    this.byType.set(type, coerce);
    return coerce;
  }

  private nonNull(ofType: GraphQLInputType): Coerce | null {
    const inner = this.of(ofType);
    return inner && ((value) => (value === null || value === undefined ? INVALID : inner(value)));
  }

  private list(ofType: GraphQLInputType): Coerce | null {
    const item = this.of(ofType);
    if (!item) return null;
    return nullable((value) => {
      if (!Array.isArray(value)) {
        // graphql-js iterates any iterable object; a value that is not one is a list of one.
        if (typeof value === 'object' && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function')
          return INVALID;
        const only = item(value);
        return only === INVALID ? INVALID : [only];
      }
      const items = new Array<unknown>(value.length);
      // Indexes, not `map`: a hole is an undefined item, as `Array.from` (graphql-js) reads it.
      for (let i = 0; i < value.length; i++) {
        const coerced = item(value[i]);
        if (coerced === INVALID) return INVALID;
        items[i] = coerced;
      }
      return items;
    });
  }

  private inputObject(type: GraphQLInputObjectType): Coerce {
    const definitions = type.getFields();
    const fields = Object.values(definitions).map((field) => ({
      name: field.name,
      defaultValue: field.defaultValue,
      required: isNonNullType(field.type),
      coerce: this.of(field.type),
    }));
    if (fields.some((field) => !field.coerce)) return () => INVALID;
    // graphql-js builds objects without a prototype; a plain object is the same to every reader,
    // unless one reads a field that is missing and shares a name with Object.prototype's members.
    const plain = fields.every((field) => !(field.name in Object.prototype));
    const known = (key: string) => Object.prototype.hasOwnProperty.call(definitions, key);
    return (value) => {
      if (typeof value !== 'object' || Array.isArray(value)) return INVALID;
      const given = value as Record<string, unknown>;
      const coerced: Record<string, unknown> = plain ? {} : Object.create(null);
      for (const field of fields) {
        const fieldValue = given[field.name];
        if (fieldValue === undefined) {
          if (field.defaultValue !== undefined) coerced[field.name] = field.defaultValue;
          else if (field.required) return INVALID;
          continue;
        }
        const fieldCoerced = field.coerce!(fieldValue);
        if (fieldCoerced === INVALID) return INVALID;
        coerced[field.name] = fieldCoerced;
      }
      for (const key of Object.keys(given)) if (!known(key)) return INVALID;
      return coerced;
    };
  }
}

/** null and undefined are null for a nullable type (graphql-js: `inputValue == null`). */
const nullable =
  (coerce: Coerce): Coerce =>
  (value) =>
    value === null || value === undefined ? null : coerce(value);

/** A scalar's or an enum's own parsing; undefined or a throw is graphql-js's error. */
function leaf(type: GraphQLScalarType | GraphQLEnumType): Coerce {
  return (value) => {
    try {
      const parsed = type.parseValue(value);
      return parsed === undefined ? INVALID : parsed;
    } catch {
      return INVALID;
    }
  };
}
