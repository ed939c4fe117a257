import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { Kind, isObjectType } from 'graphql';
import type { UserRecord, UserSummary } from '../../domain/users/user';
import { USER_SUMMARY_FIELDS } from '../../domain/users/user';
import type { GraphqlContext } from '../context';

/**
 * `_entities` for User: every representation in one request goes through the same loader, so N
 * representations cost one `findMany`. The domain scopes it to the caller's organization, so a
 * user of another organization resolves to null. When every `User` field the operation selects is
 * one of the summary's, the loader reads only the summary's columns (see `userReferenceView`).
 */
export function resolveUserReference(
  reference: { id: unknown },
  context: GraphqlContext,
  info: GraphQLResolveInfo,
): Promise<UserRecord | UserSummary | null> {
  const loader =
    userReferenceView(info) === 'summary' ? context.loaders.userSummariesById : context.loaders.usersById;
  return loader.load(String(reference.id));
}

/**
 * The `User` fields a summary answers: plain properties of UserSummary (each read by the default
 * resolver), and `__typename`. Anything else selected on a User — a field outside the summary, a
 * field with a resolver of its own — makes the read a full one.
 */
export const SUMMARY_USER_FIELDS: ReadonlySet<string> = new Set<string>([
  '__typename',
  ...USER_SUMMARY_FIELDS.filter((field) => field !== 'organizationId'),
]);

/** One decision per `_entities` field of a document (its AST is shared by every request that runs it). */
const views = new WeakMap<FieldNode, 'summary' | 'full'>();

/**
 * Whether the `_entities` field being resolved selects, on User, only fields a summary holds. Walks
 * its selections, named fragments included; a fragment on another object type cannot apply to a
 * User and is skipped, one on anything else (the union, an interface) is read as if it were on User.
 * Directives (`@include`, `@skip`) are ignored: a field that might be selected counts as selected.
 */
export function userReferenceView(info: GraphQLResolveInfo): 'summary' | 'full' {
  const [node] = info.fieldNodes;
  if (info.fieldNodes.length !== 1) return decide(info);
  let view = views.get(node);
  if (view === undefined) {
    view = decide(info);
    views.set(node, view);
  }
  return view;
}

function decide(info: GraphQLResolveInfo): 'summary' | 'full' {
  const appliesToUser = (typeName: string | undefined) => {
    if (typeName === undefined || typeName === 'User') return true;
    return !isObjectType(info.schema.getType(typeName));
  };
  const onlySummary = (set: SelectionSetNode | undefined, seen: Set<FragmentDefinitionNode>): boolean =>
    (set?.selections ?? []).every((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return SUMMARY_USER_FIELDS.has(selection.name.value);
        case Kind.INLINE_FRAGMENT:
          return (
            !appliesToUser(selection.typeCondition?.name.value) || onlySummary(selection.selectionSet, seen)
          );
        case Kind.FRAGMENT_SPREAD: {
          const fragment = info.fragments[selection.name.value] as FragmentDefinitionNode | undefined;
          if (!fragment) return false;
          if (!appliesToUser(fragment.typeCondition.name.value) || seen.has(fragment)) return true;
          return onlySummary(fragment.selectionSet, new Set(seen).add(fragment));
        }
      }
    });
  return info.fieldNodes.every((field) => onlySummary(field.selectionSet, new Set())) ? 'summary' : 'full';
}
