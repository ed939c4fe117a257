import type {
  FieldNode,
  FragmentDefinitionNode,
  FragmentSpreadNode,
  GraphQLResolveInfo,
  InlineFragmentNode,
  SelectionSetNode,
} from 'graphql';
import { Kind, isObjectType } from 'graphql';

/**
 * What an operation selects below the field being resolved, for a resolver that reads more (or
 * less) at once when it knows. A document's AST is shared by every request that runs it, so each
 * decision is made once per field node of a document (see `perFieldNode`).
 */

/**
 * An `@skip(if: …)` (the selection is left out when the value is true) or `@include(if: …)` (left
 * out when it is false), its value a literal or a variable's name.
 */
export interface Condition {
  readonly excludedWhen: boolean;
  readonly value: boolean | { readonly variable: string };
}

/** A field selected on some type, with the `@skip` / `@include` conditions on the way to it. */
export interface FieldSelection {
  /** Null for a named fragment the document lacks: it could select anything. */
  readonly field: FieldNode | null;
  readonly conditions: readonly Condition[];
}

/** Selection sets to look into, each with the conditions on the way to it. */
export interface SelectionsAt {
  readonly set: SelectionSetNode | undefined;
  readonly conditions: readonly Condition[];
}

/** The selection sets of the field being resolved (more than one when a query repeats the field). */
export const fieldSelections = (info: GraphQLResolveInfo): SelectionsAt[] =>
  info.fieldNodes.map((node) => ({ set: node.selectionSet, conditions: [] }));

/** The selection sets of the fields among `selections` that are named `name`. */
export const selectionsOf = (selections: readonly FieldSelection[], name: string): SelectionsAt[] =>
  selections
    .filter((s) => s.field?.name.value === name)
    .map((s) => ({ set: s.field?.selectionSet, conditions: s.conditions }));

/**
 * The fields selected on the object type `typeName` in these selection sets. Named fragments are
 * walked (once per path); a fragment on another object type cannot apply and is skipped, one on
 * anything else (a union, an interface) is read as if it were on `typeName`.
 */
export function fieldsOn(
  info: GraphQLResolveInfo,
  typeName: string,
  sets: readonly SelectionsAt[],
): FieldSelection[] {
  const applies = (condition: string | undefined) =>
    condition === undefined || condition === typeName || !isObjectType(info.schema.getType(condition));
  const found: FieldSelection[] = [];
  const walk = (at: SelectionsAt, seen: ReadonlySet<FragmentDefinitionNode>): void => {
    for (const selection of at.set?.selections ?? []) {
      const conditions = withConditionsOf(selection, at.conditions);
      if (selection.kind === Kind.FIELD) {
        found.push({ field: selection, conditions });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value))
          walk({ set: selection.selectionSet, conditions }, seen);
      } else {
        const fragment = info.fragments[selection.name.value] as FragmentDefinitionNode | undefined;
        if (!fragment) found.push({ field: null, conditions });
        else if (applies(fragment.typeCondition.name.value) && !seen.has(fragment))
          walk({ set: fragment.selectionSet, conditions }, new Set(seen).add(fragment));
      }
    }
  };
  for (const at of sets) walk(at, new Set());
  return found;
}

function withConditionsOf(
  node: FieldNode | InlineFragmentNode | FragmentSpreadNode,
  conditions: readonly Condition[],
): readonly Condition[] {
  let all = conditions;
  for (const directive of node.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const argument = directive.arguments?.find((a) => a.name.value === 'if')?.value;
    // A validated document has a Boolean `if`: anything else leaves the selection in.
    if (argument?.kind === Kind.VARIABLE)
      all = [...all, { excludedWhen: name === 'skip', value: { variable: argument.name.value } }];
    else if (argument?.kind === Kind.BOOLEAN)
      all = [...all, { excludedWhen: name === 'skip', value: argument.value }];
  }
  return all;
}

/**
 * Whether a selection reached under these conditions is included with this request's (coerced)
 * variables. Read per request: a loop over what `fieldsOn` prepared, no argument coercion.
 */
export function included(
  conditions: readonly Condition[],
  variables: GraphQLResolveInfo['variableValues'],
): boolean {
  for (const { excludedWhen, value } of conditions) {
    const holds = typeof value === 'boolean' ? value : variables[value.variable] === true;
    if (holds === excludedWhen) return false;
  }
  return true;
}

/**
 * `decide(info)`, remembered for the field node being resolved. A field selected more than once in
 * one selection set (its nodes merged) is decided afresh each time: rare, and the nodes differ.
 */
export function perFieldNode<T>(
  cache: WeakMap<FieldNode, T>,
  info: GraphQLResolveInfo,
  decide: (info: GraphQLResolveInfo) => T,
): T {
  if (info.fieldNodes.length !== 1) return decide(info);
  const [node] = info.fieldNodes;
  let decision = cache.get(node);
  if (decision === undefined) {
    decision = decide(info);
    cache.set(node, decision);
  }
  return decision;
}
