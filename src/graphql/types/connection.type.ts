import type { ClassType } from 'type-graphql';
import { Directive, Field, ObjectType } from 'type-graphql';
import type { Page, PageItem } from '../../domain/shared/page';

@Directive('@shareable')
@ObjectType({
  simpleResolvers: true,
  description: 'Where a page sits in its list (Relay cursor connections).',
})
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** What a list query resolves to before the connection's field resolvers run. */
export interface ConnectionPage<T> {
  readonly edges: readonly PageItem<T>[];
  readonly nodes: readonly T[];
  readonly pageInfo: PageInfo;
  /** The list's length when the page tells it (see `Page.knownTotal`): totalCount then needs no query. */
  readonly knownTotal: number | null;
}

export function toConnection<T>(page: Page<T>): ConnectionPage<T> {
  const { items } = page;
  return {
    edges: items,
    nodes: items.map((item) => item.node),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: items.length > 0 ? items[0].cursor : null,
      endCursor: items.length > 0 ? items[items.length - 1].cursor : null,
    },
    knownTotal: page.knownTotal,
  };
}

/**
 * The fields every `XConnection` shares, with its `XEdge` type. `totalCount` is declared by each
 * concrete connection, whose resolver counts only when the field is selected and the page does not
 * already tell it.
 */
export function Connection<TNode extends object>(name: string, nodeType: ClassType<TNode>) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String, { description: 'Pass as `after` to continue after this item.' })
    cursor!: string;

    @Field(() => nodeType)
    node!: TNode;
  }

  @ObjectType({ simpleResolvers: true })
  abstract class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [nodeType])
    nodes!: TNode[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}
