import { badFilter } from '../../errors';
import type { ResolvedFilter, ScalarAttribute } from '../../domain/filter/filter';
import type { Fragment } from '../fragment';
import { join, sql } from '../fragment';
import type { Condition } from './compare-operand';
import { compareOperand, condition, presentOperand } from './compare-operand';
import { extensionElements, extensionOperand } from './extension-operand';
import type { CompileScope, FilterTarget, MultiValuedSource, Operand } from './filter-target';

type Node<K extends ResolvedFilter['kind']> = Extract<ResolvedFilter, { kind: K }>;

/** Where attribute paths resolve: the resource's own columns, or the sub-attributes of one multi-valued source. */
interface Context extends CompileScope {
  readonly target: FilterTarget;
  readonly within?: MultiValuedSource;
}

/**
 * Compiles a resolved filter to a parameterised WHERE fragment for one dialect. Every attribute path
 * goes through the target's whitelist; every value becomes a parameter.
 */
export function compileFilter(filter: ResolvedFilter, target: FilterTarget, scope: CompileScope): Fragment {
  // In WHERE, NULL (an absent attribute) already excludes the row.
  const { sql: text, params } = compileNode(filter, { ...scope, target });
  return { sql: text, params };
}

function compileNode(node: ResolvedFilter, ctx: Context): Condition {
  switch (node.kind) {
    case 'and':
    case 'or':
      return compileJunction(node, ctx);
    case 'not':
      return compileNot(node, ctx);
    case 'some':
      return compileSome(node, ctx);
    case 'present':
      return compilePresent(node, ctx);
    case 'compare':
      return compileCompare(node, ctx);
    default:
      return unreachable(node);
  }
}

function compileJunction(node: Node<'and'> | Node<'or'>, ctx: Context): Condition {
  const parts = node.filters.map((f) => compileNode(f, ctx));
  if (parts.length === 1) return parts[0];
  const joined = join(parts, node.kind === 'and' ? ' AND ' : ' OR ');
  return condition(
    sql`(${joined})`,
    parts.some((p) => p.nullable),
  );
}

/** NULL means "attribute absent", which is false: coalesce before negating so absent attributes match `not`. */
function compileNot(node: Node<'not'>, ctx: Context): Condition {
  const inner = compileNode(node.filter, ctx);
  return condition(inner.nullable ? sql`NOT COALESCE(${inner}, 0)` : sql`NOT (${inner})`, false);
}

function compileSome(node: Node<'some'>, ctx: Context): Condition {
  if (ctx.within) throw badFilter('filter', `'some' cannot be nested inside another multi-valued attribute`);
  const source = ctx.target.multiValued[node.attribute.toLowerCase()];
  if (!source) throw notFilterable(ctx, node.attribute);
  if (source.enclose) {
    const inner = node.filter ? compileNode(node.filter, { ...ctx, within: source }) : null;
    return condition(sql`${source.outer} IN (${source.enclose(ctx, inner)})`, false);
  }
  const subquery = source.subquery(ctx, referencedPaths(node.filter));
  if (!node.filter) return condition(sql`${source.outer} IN (${subquery})`, false);
  const inner = compileNode(node.filter, { ...ctx, within: source });
  return condition(sql`${source.outer} IN (${subquery} AND ${inner})`, false);
}

/** The (lower-cased) attribute paths a filter names. */
function referencedPaths(node: ResolvedFilter | null, into = new Set<string>()): Set<string> {
  if (!node) return into;
  if (node.kind === 'and' || node.kind === 'or') node.filters.forEach((f) => referencedPaths(f, into));
  else if (node.kind === 'not') referencedPaths(node.filter, into);
  else if (node.kind === 'some') referencedPaths(node.filter, into);
  else into.add(node.attribute.path.toLowerCase());
  return into;
}

function compilePresent(node: Node<'present'>, ctx: Context): Condition {
  const { attribute } = node;
  if (attribute.extension?.multiValued && !ctx.within) {
    const { from, element } = extensionElements(extensionsColumn(ctx), attribute, ctx.dialect);
    return condition(sql`EXISTS (SELECT 1 FROM ${from} WHERE ${presentOperand(element)})`, false);
  }
  return presentOperand(operandOf(attribute, ctx));
}

function compileCompare(node: Node<'compare'>, ctx: Context): Condition {
  const { attribute, op, value } = node;
  if (attribute.extension?.multiValued && !ctx.within) {
    // Some element matches; `ne` means no element equals the value (so an absent attribute matches).
    const { from, element } = extensionElements(extensionsColumn(ctx), attribute, ctx.dialect);
    const matching = compareOperand(element, attribute, op === 'ne' ? 'eq' : op, value);
    const exists = sql`EXISTS (SELECT 1 FROM ${from} WHERE ${matching})`;
    return condition(op === 'ne' ? sql`NOT ${exists}` : exists, false);
  }
  return compareOperand(operandOf(attribute, ctx), attribute, op, value);
}

function operandOf(attribute: ScalarAttribute, ctx: Context): Operand {
  if (ctx.within) {
    const sub = ctx.within.columns[attribute.path.toLowerCase()];
    if (!sub) throw notFilterable(ctx, attribute.path);
    return sub;
  }
  if (attribute.extension) return extensionOperand(extensionsColumn(ctx), attribute, ctx.dialect);
  const column = ctx.target.scalars[attribute.path.toLowerCase()];
  if (!column) throw notFilterable(ctx, attribute.path);
  return column;
}

function extensionsColumn(ctx: Context): Fragment {
  if (!ctx.target.extensions) throw badFilter('filter', `${ctx.target.resource} has no extension attributes`);
  return ctx.target.extensions;
}

const notFilterable = (ctx: Context, path: string) =>
  badFilter('filter', `Cannot filter ${ctx.target.resource} by '${path}'`, {
    reason: 'unknownAttribute',
    attribute: path,
  });

function unreachable(node: never): never {
  throw badFilter('filter', `Unknown filter node ${JSON.stringify((node as { kind?: unknown }).kind)}`);
}
