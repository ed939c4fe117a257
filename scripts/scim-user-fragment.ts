import type { GraphQLField, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { getNamedType, isObjectType } from 'graphql';

/**
 * Fields of `User` the SCIM facade does not read with the others: the password is never returned
 * (only whether there is one), and `groups` costs a recursive query, so it is selected only when the
 * response will show it.
 */
const NOT_READ = new Set(['hasPassword', 'groups']);

/** Resources in their own right: a field leading to one (`manager.user`) is a reference, not a value. */
const RESOURCES = new Set(['User', 'Group']);

const GROUPS = 'groups @include(if: $withGroups) { direct group { id displayName } }';

function selection(type: GraphQLObjectType, indent: string, skip = new Set<string>()): string[] {
  const fields: GraphQLField<unknown, unknown>[] = Object.values(type.getFields());
  return fields.flatMap((field) => {
    const named = getNamedType(field.type);
    if (skip.has(field.name) || field.args.length > 0 || RESOURCES.has(named.name)) return [];
    if (!isObjectType(named)) return [`${indent}${field.name}`];
    return [`${indent}${field.name} {`, ...selection(named, `${indent}  `), `${indent}}`];
  });
}

/**
 * The `ScimUser` fragment: every argument-free field of `User` and, in full, of the value types it
 * holds (Name, MultiValue, Address, EnterpriseUser, Manager), in schema order — so an attribute
 * added to the GraphQL type reaches the facade without a hand-edited selection.
 */
export function scimUserFragment(schema: GraphQLSchema): string {
  const user = schema.getType('User');
  if (!isObjectType(user)) throw new Error('schema/identity.graphql has no User type');
  return ['fragment ScimUser on User {', ...selection(user, '  ', NOT_READ), `  ${GROUPS}`, '}', ''].join(
    '\n',
  );
}
