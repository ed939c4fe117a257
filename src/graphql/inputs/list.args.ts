import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import type { PageRequest, SortDirection as DomainSortDirection } from '../../domain/shared/page';
import { domainEnum } from '../types/domain-enum';
import { Filter } from './filter.input';

export const SortDirection = domainEnum<DomainSortDirection>()({ ASC: 'ASC', DESC: 'DESC' });
registerEnumType(SortDirection, { name: 'SortDirection' });

@InputType({ description: 'Sort order of a list: a singular attribute (or `emails.value` for users).' })
export class OrderBy {
  @Field(() => String)
  attribute!: string;

  @Field(() => SortDirection, { nullable: true })
  direction: DomainSortDirection | null = 'ASC';
}

/** Paging arguments: `after` (a cursor from a previous page) and `offset` are alternatives. */
@ArgsType()
export class ListArgs {
  @Field(() => Filter, { nullable: true })
  filter?: Filter | null;

  @Field(() => OrderBy, { nullable: true })
  orderBy?: OrderBy | null;

  @Field(() => Int, { nullable: true, description: 'Page size, 0 to 1000.' })
  first: number | null = 50;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: '0-based position of the first item (SCIM startIndex - 1).',
  })
  offset?: number | null;
}

@ArgsType()
export class MemberPageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 0 to 1000.' })
  first: number | null = 100;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ArgsType()
export class GroupMembersArgs {
  @Field(() => ID)
  groupId!: string;

  @Field(() => Int, { nullable: true, description: 'Page size, 0 to 1000.' })
  first: number | null = 100;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

/** The domain's page request; `first: null` is passed on for the domain to reject, naming `first`. */
export function toPageRequest(args: {
  first: number | null;
  after?: string | null;
  offset?: number | null;
  orderBy?: OrderBy | null;
}): PageRequest {
  const { orderBy } = args;
  return {
    first: args.first as number,
    after: args.after,
    offset: args.offset,
    orderBy: orderBy ? { attribute: orderBy.attribute, direction: orderBy.direction ?? 'ASC' } : null,
  };
}
