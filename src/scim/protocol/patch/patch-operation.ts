/**
 * PATCH operations (RFC 7644 §3.5.2) after parsing.
 *
 * A `PatchPath` is `attribute[.subAttribute]` or `attribute[filter][.subAttribute]`
 * (RFC 7644 Figure 7: `PATH = attrPath / valuePath [subAttr]`). The filter is the bracketed
 * value filter: its paths name sub-attributes of `attribute`.
 */
import type { AttrPath } from '../attr-path';
import { formatAttrPath } from '../attr-path';
import type { Filter } from '../filter/filter-ast';
import { printFilter } from '../filter/print-filter';
import type { JsonValue } from '../json';

export type PatchOp = 'add' | 'remove' | 'replace';

export interface PatchPath extends AttrPath {
  readonly filter?: Filter;
}

export interface PatchOperation {
  readonly op: PatchOp;
  /** Absent for a no-path add/replace, whose value is a partial resource. */
  readonly path?: PatchPath;
  readonly value?: JsonValue;
}

export function formatPatchPath(path: PatchPath): string {
  if (!path.filter) return formatAttrPath(path);
  const base = formatAttrPath({
    ...(path.schema !== undefined && { schema: path.schema }),
    attribute: path.attribute,
  });
  const sub = path.subAttribute === undefined ? '' : `.${path.subAttribute}`;
  return `${base}[${printFilter(path.filter)}]${sub}`;
}
