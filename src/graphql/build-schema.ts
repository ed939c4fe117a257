import { buildSubgraphSchema } from '@apollo/subgraph';
import type { DirectiveNode, DocumentNode, FieldDefinitionNode, GraphQLSchema } from 'graphql';
import { Kind, graphql, isInterfaceType, isObjectType, parse, printSchema, visit } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { resolveGroupReference } from './references/group.reference';
import { resolveUserReference } from './references/user.reference';
import { RESOLVERS } from './resolvers';
import { DateTimeIsoScalar } from './scalars/date-time-iso.scalar';

/** The resolver map `buildSubgraphSchema` takes (its type is not exported by name). */
type SubgraphResolvers = NonNullable<
  Extract<Parameters<typeof buildSubgraphSchema>[0], { resolvers?: unknown }>['resolvers']
>;

/** Federation 2: the directives this subgraph uses, imported from the spec by name. */
const FEDERATION_LINK = parse(
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])',
);

/**
 * The identity subgraph: the type-graphql schema printed with the directives its classes carry
 * (`@Directive('@key(fields: "id")')`), turned into a federation subgraph whose resolvers are
 * type-graphql's plus the entity reference resolvers. Types appear in declaration order, so the
 * result is the same on every build. Object types are declared with `simpleResolvers`: there are no
 * type-graphql middlewares or auth checkers here, so a plain property needs no wrapping resolver
 * (one call per field of every object in an answer).
 */
export async function buildIdentitySchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeIsoScalar }],
  });
  const typeResolvers = createResolversMap(schema) as Record<string, object>;
  const resolvers = {
    ...typeResolvers,
    User: { ...typeResolvers.User, __resolveReference: resolveUserReference },
    Group: { ...typeResolvers.Group, __resolveReference: resolveGroupReference },
  } as SubgraphResolvers;
  return buildSubgraphSchema({
    typeDefs: {
      kind: Kind.DOCUMENT,
      definitions: [...FEDERATION_LINK.definitions, ...withDirectives(schema).definitions],
    },
    resolvers,
  });
}

/** The SDL the subgraph serves as `_service { sdl }`: what a router composes, and what schema/identity.graphql holds. */
export async function printIdentitySchema(): Promise<string> {
  const result = await graphql({ schema: await buildIdentitySchema(), source: '{ _service { sdl } }' });
  const sdl = (result.data?._service as { sdl?: unknown } | undefined)?.sdl;
  if (typeof sdl !== 'string')
    throw new Error(`The subgraph did not serve its SDL: ${JSON.stringify(result.errors)}`);
  return sdl;
}

/**
 * graphql-js prints no directives applied to types or fields; type-graphql keeps them on each
 * type's and field's `astNode`. This puts them back on the printed document.
 */
function withDirectives(schema: GraphQLSchema): DocumentNode {
  const directivesOf = (node: { astNode?: { directives?: readonly DirectiveNode[] } | null }) =>
    node.astNode?.directives ?? [];
  const decorate = <T extends { name: { value: string }; fields?: readonly FieldDefinitionNode[] }>(
    node: T,
  ): T => {
    const type = schema.getType(node.name.value);
    if (!isObjectType(type) && !isInterfaceType(type)) return node;
    const fields = type.getFields();
    return {
      ...node,
      directives: directivesOf(type),
      fields: node.fields?.map((field) => ({ ...field, directives: directivesOf(fields[field.name.value]) })),
    };
  };
  return visit(parse(printSchema(schema)), {
    ObjectTypeDefinition: decorate,
    InterfaceTypeDefinition: decorate,
  });
}
