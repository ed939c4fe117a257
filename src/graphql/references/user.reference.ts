import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { UserRecord, UserSummary } from '../../domain/users/user';
import { USER_SUMMARY_FIELDS } from '../../domain/users/user';
import type { GraphqlContext } from '../context';
import { fieldSelections, fieldsOn, perFieldNode } from '../look-ahead';

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
 * Whether the `_entities` field being resolved selects, on User, only fields a summary holds (see
 * `fieldsOn` for how fragments count). Directives (`@include`, `@skip`) are ignored: a field that
 * might be selected counts as selected.
 */
export function userReferenceView(info: GraphQLResolveInfo): 'summary' | 'full' {
  return perFieldNode(views, info, decide);
}

const decide = (info: GraphQLResolveInfo): 'summary' | 'full' =>
  fieldsOn(info, 'User', fieldSelections(info)).every(
    ({ field }) => field !== null && SUMMARY_USER_FIELDS.has(field.name.value),
  )
    ? 'summary'
    : 'full';
