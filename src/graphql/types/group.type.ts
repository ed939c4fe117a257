import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { FilterInput } from '../../domain/filter/filter';
import type { GroupRecord } from '../../domain/groups/group';
import type { ConnectionPage } from './connection.type';
import { Connection } from './connection.type';

@Directive('@key(fields: "id")')
@ObjectType({
  simpleResolvers: true,
  description: 'A group of users and groups (SCIM Group). Members are listed by `members`.',
})
export class Group {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String, { nullable: true })
  externalId!: string | null;

  @Field(() => Int, {
    description: 'Bumped on every change, membership included; pass as `expectedVersion`.',
  })
  version!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType({ simpleResolvers: true, description: 'A page of groups.' })
export class GroupConnection extends Connection('Group', Group) {
  @Field(() => Int, { description: 'Groups matching the filter: a separate count, run only when selected.' })
  totalCount!: number;
}

export interface GroupConnectionSource extends ConnectionPage<GroupRecord> {
  readonly filter: FilterInput | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The outcome of a membership mutation: the group after it, and what changed.',
})
export class MembershipChange {
  @Field(() => Group)
  group!: Group;

  @Field(() => Int)
  added!: number;

  @Field(() => Int)
  removed!: number;
}
