import type {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
} from 'graphql';
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  TypeNameMetaFieldDef,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  valueFromASTUntyped,
} from 'graphql';

/** What an operation would cost if it were executed, measured before it is. */
export interface OperationMeasure {
  /** The deepest field nesting (a root field is depth 1; `__typename` is not counted). */
  readonly depth: number;
  /** How many fields carry an alias, fragments counted once per use. */
  readonly aliases: number;
  /**
   * An estimate of the objects the answer holds: every object or list field costs 1 per item of its
   * parent, a list holds `first` items (the argument, or its default) when its field or its
   * connection takes `first`, as many as `_entities` gets representations, and
   * `ASSUMED_LIST_SIZE` otherwise. Scalars are free: an object costs one resolver, not its fields.
   */
  readonly cost: number;
}

/** The size assumed for a list whose length the request does not bound (emails, a user's groups …). */
export const ASSUMED_LIST_SIZE = 10;
/** Numbers are capped here: an operation that big is rejected anyway, and sums stay finite. */
const CAP = 1e12;

type Variables = Readonly<Record<string, unknown>>;

interface Measured {
  readonly depth: number;
  readonly aliases: number;
  /** Cost per item of the parent: the real cost is this times the parent's multiplier. */
  readonly unitCost: number;
}

const NOTHING: Measured = { depth: 0, aliases: 0, unitCost: 0 };
const add = (a: number, b: number) => Math.min(CAP, a + b);
const times = (a: number, b: number) => Math.min(CAP, a * b);

/**
 * Measures one operation of a validated document. Fragments are measured once per parent page size
 * and reused, so a document that spreads fragments exponentially is measured in linear time.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables = {},
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const defaults: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) {
      defaults[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
    }
  }
  const walker = new Walker(schema, fragments, { ...defaults, ...variables });
  const root = schema.getRootType(operation.operation);
  if (!root) return { depth: 0, aliases: 0, cost: 0 };
  const measured = walker.selectionSet(operation.selectionSet, root, undefined);
  return { depth: measured.depth, aliases: measured.aliases, cost: measured.unitCost };
}

class Walker {
  private readonly fragmentMemo = new Map<string, Measured>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: Variables,
  ) {}

  /** `pageSize`: the `first` of the connection this selection set belongs to, if any. */
  selectionSet(set: SelectionSetNode, type: GraphQLCompositeType, pageSize: number | undefined): Measured {
    let result = NOTHING;
    for (const selection of set.selections) {
      if (!this.included(selection.directives)) continue;
      let next: Measured;
      if (selection.kind === Kind.FIELD) next = this.field(selection, type, pageSize);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : type;
        next = isCompositeType(on) ? this.selectionSet(selection.selectionSet, on, pageSize) : NOTHING;
      } else next = this.fragment(selection.name.value, pageSize);
      result = {
        depth: Math.max(result.depth, next.depth),
        aliases: add(result.aliases, next.aliases),
        unitCost: add(result.unitCost, next.unitCost),
      };
    }
    return result;
  }

  private fragment(name: string, pageSize: number | undefined): Measured {
    const key = `${name}:${pageSize ?? ''}`;
    const memo = this.fragmentMemo.get(key);
    if (memo) return memo;
    const definition = this.fragments.get(name);
    const on = definition && this.schema.getType(definition.typeCondition.name.value);
    // Validation rejects unknown fragments and cycles before this runs; the placeholder guards anyway.
    this.fragmentMemo.set(key, NOTHING);
    const measured =
      definition && isCompositeType(on) ? this.selectionSet(definition.selectionSet, on, pageSize) : NOTHING;
    this.fragmentMemo.set(key, measured);
    return measured;
  }

  private field(node: FieldNode, parent: GraphQLCompositeType, pageSize: number | undefined): Measured {
    const aliases = node.alias ? 1 : 0;
    if (node.name.value === '__typename') return { depth: 0, aliases, unitCost: 0 };
    const definition = this.definition(parent, node.name.value);
    if (!definition) return { depth: 1, aliases, unitCost: 0 };
    const returned = getNamedType(definition.type);
    if (!node.selectionSet || !isCompositeType(returned)) return { depth: 1, aliases, unitCost: 0 };
    const items = this.itemsOf(node, definition, pageSize);
    const ownPage = this.argument(node, definition, 'first');
    const children = this.selectionSet(node.selectionSet, returned, ownPage);
    return {
      depth: add(children.depth, 1),
      aliases: add(aliases, children.aliases),
      unitCost: add(items, times(items, children.unitCost)),
    };
  }

  /** How many items one evaluation of this field yields. */
  private itemsOf(node: FieldNode, definition: GraphQLField<unknown, unknown>, pageSize?: number): number {
    if (node.name.value === '_entities') {
      const representations = this.rawArgument(node, 'representations');
      return Array.isArray(representations) ? representations.length : ASSUMED_LIST_SIZE;
    }
    if (!isListType(getNullableType(definition.type))) return 1;
    return this.argument(node, definition, 'first') ?? pageSize ?? ASSUMED_LIST_SIZE;
  }

  /** A non-negative integer argument (literal, variable or schema default), else undefined. */
  private argument(node: FieldNode, definition: GraphQLField<unknown, unknown>, name: string) {
    const declared = definition.args.find((a) => a.name === name);
    if (!declared) return undefined;
    const given = node.arguments?.some((a) => a.name.value === name);
    const value = given ? this.rawArgument(node, name) : declared.defaultValue;
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.floor(value)) : undefined;
  }

  private rawArgument(node: FieldNode, name: string): unknown {
    const argument = node.arguments?.find((a) => a.name.value === name);
    return argument ? this.value(argument.value) : undefined;
  }

  private value(node: ValueNode): unknown {
    switch (node.kind) {
      case Kind.VARIABLE:
        return this.variables[node.name.value];
      case Kind.INT:
      case Kind.FLOAT:
        return Number(node.value);
      case Kind.LIST:
        return node.values.map(() => null);
      default:
        return undefined;
    }
  }

  private definition(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
    if (name === SchemaMetaFieldDef.name && parent === this.schema.getQueryType()) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name && parent === this.schema.getQueryType()) return TypeMetaFieldDef;
    if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
    return 'getFields' in parent ? parent.getFields()[name] : undefined;
  }

  /** `@skip(if:)` / `@include(if:)` with literal or variable conditions; unknown conditions count as included. */
  private included(directives: FieldNode['directives']): boolean {
    for (const directive of directives ?? []) {
      const name = directive.name.value;
      if (name !== 'skip' && name !== 'include') continue;
      const condition = directive.arguments?.find((a) => a.name.value === 'if')?.value;
      const value =
        condition?.kind === Kind.BOOLEAN
          ? condition.value
          : condition?.kind === Kind.VARIABLE
            ? this.variables[condition.name.value]
            : undefined;
      if (typeof value !== 'boolean') continue;
      if ((name === 'skip' && value) || (name === 'include' && !value)) return false;
    }
    return true;
  }
}
