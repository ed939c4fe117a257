/**
 * Resolves a PATCH path against the resource schema into the definitions an operation needs.
 * A path to an attribute the schema does not define yields null (the caller answers
 * `400 invalidPath`); a problem inside the bracketed filter is `400 invalidPath` too, since it is
 * the path that is wrong.
 */
import type { Filter } from '../filter/filter-ast';
import { printFilter } from '../filter/print-filter';
import { resolveValueFilter } from '../filter/resolve-filter';
import type { AttributeDefinition } from '../schema/attribute-definition';
import { findAttribute } from '../schema/attribute-definition';
import type { ResourceSchema } from '../schema/resource-schema';
import type { ResolvedAttribute } from '../schema/resolve-attribute';
import { resolveAttribute } from '../schema/resolve-attribute';
import { badRequest, ScimError } from '../scim-error';
import type { PatchPath } from './patch-operation';

export interface PatchTarget {
  /** The attribute, plus its sub-attribute for `name.givenName`-style paths (no filter). */
  readonly resolved: ResolvedAttribute;
  /** The value filter, resolved against the attribute's sub-attributes. */
  readonly filter?: Filter;
  /** The sub-attribute after the filter: `value` in `emails[type eq "work"].value`. */
  readonly filterSubAttribute?: AttributeDefinition;
  /** The canonical path, for messages. */
  readonly label: string;
}

export function resolvePatchTarget(schema: ResourceSchema, path: PatchPath): PatchTarget | null {
  if (!path.filter) {
    const resolved = resolveAttribute(schema, path);
    return resolved && { resolved, label: resolved.canonicalPath };
  }
  const resolved = resolveAttribute(schema, {
    ...(path.schema !== undefined && { schema: path.schema }),
    attribute: path.attribute,
  });
  if (!resolved) return null;
  if (resolved.attribute.type !== 'complex') {
    throw badRequest('invalidPath', `"${resolved.canonicalPath}" has no sub-attributes to filter on`);
  }
  const filter = resolveInPath(path.filter, resolved.attribute);
  const sub =
    path.subAttribute === undefined
      ? undefined
      : findAttribute(resolved.attribute.subAttributes, path.subAttribute);
  if (path.subAttribute !== undefined && !sub) return null;
  const label = `${resolved.canonicalPath}[${printFilter(filter)}]${sub ? `.${sub.name}` : ''}`;
  return { resolved, filter, ...(sub && { filterSubAttribute: sub }), label };
}

function resolveInPath(filter: Filter, attribute: AttributeDefinition): Filter {
  try {
    return resolveValueFilter(filter, attribute);
  } catch (error) {
    if (error instanceof ScimError && error.scimType === 'invalidFilter') {
      throw badRequest('invalidPath', error.detail);
    }
    throw error;
  }
}
