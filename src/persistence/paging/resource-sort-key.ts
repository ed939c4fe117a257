import { badInput } from '../../errors';
import type { AttributeCatalog } from '../../domain/filter/attribute-catalog';
import type { ScalarAttribute } from '../../domain/filter/filter';
import type { SortOrder } from '../../domain/shared/page';
import type { Dialect } from '../dialect';
import type { Fragment } from '../fragment';
import { sql } from '../fragment';
import { extensionOperand } from '../filter/extension-operand';
import type { FilterTarget, Operand } from '../filter/filter-target';
import type { SortKey } from './sort-key';
import { byId } from './sort-key';

export interface SortableResource {
  readonly target: FilterTarget;
  readonly catalog: AttributeCatalog;
  readonly id: Fragment;
  /** Sort expressions for paths that are not plain columns (`emails.value`: the primary or first email). */
  readonly special?: (dialect: Dialect) => Readonly<Record<string, Fragment>>;
}

/**
 * The keyset order for an `orderBy` (a canonical path from the domain's checkSort), whitelisted
 * like filter paths. Case-insensitive attributes sort by their key (or LOWER), exact ones by value.
 */
export function resourceSortKey(
  resource: SortableResource,
  orderBy: SortOrder | null | undefined,
  dialect: Dialect,
): SortKey {
  if (!orderBy) return byId(resource.id);
  const path = orderBy.attribute;
  const { direction } = orderBy;
  if (path.toLowerCase() === 'id') return byId(resource.id, direction);
  const ordering = `${path}:${direction}`;
  const special = resource.special?.(dialect)[path.toLowerCase()];
  if (special) return { ordering, expr: special, nullable: true, id: resource.id, direction };
  const attribute = resource.catalog.scalar(path) ?? extensionAttribute(path);
  const operand = attribute?.extension
    ? resource.target.extensions && extensionOperand(resource.target.extensions, attribute, dialect)
    : resource.target.scalars[path.toLowerCase()];
  if (!attribute || !operand)
    throw badInput('orderBy.attribute', `Cannot sort by '${path}'`, { reason: 'invalidSort' });
  return {
    ordering,
    expr: sortExpression(operand, attribute),
    nullable: operand.nullable,
    id: resource.id,
    direction,
  };
}

function sortExpression(operand: Operand, attribute: ScalarAttribute): Fragment {
  if (operand.kind !== 'string' || attribute.caseExact) return operand.expr;
  return operand.key ? operand.key.expr : sql`LOWER(${operand.expr})`;
}

/** An organization's extension attribute, named `<schema urn>:<name>` (it is not in the default catalog). */
function extensionAttribute(path: string): ScalarAttribute | undefined {
  const colon = path.lastIndexOf(':');
  if (!path.startsWith('urn:') || colon < 0) return undefined;
  return {
    path,
    type: 'string',
    caseExact: false,
    extension: { schema: path.slice(0, colon), name: path.slice(colon + 1), multiValued: false },
  };
}
