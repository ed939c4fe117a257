import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type {
  GroupMember as GroupMemberRecord,
  MemberType as DomainMemberType,
} from '../../domain/groups/group';
import type { ConnectionPage } from './connection.type';
import { Connection } from './connection.type';
import { domainEnum } from './domain-enum';

export const MemberType = domainEnum<DomainMemberType>()({ USER: 'User', GROUP: 'Group' });
registerEnumType(MemberType, { name: 'MemberType', description: 'What kind of resource a group member is.' });

// No simpleResolvers: fields are renamed (`type` reads `memberType`), which needs type-graphql's resolvers.
@ObjectType({ description: 'A member of a group: a user or a nested group.' })
export class GroupMember {
  @Field(() => MemberType, { name: 'type' })
  memberType!: DomainMemberType;

  @Field(() => ID, { name: 'id', description: "The member's user or group id." })
  memberId!: string;

  @Field(() => String, {
    nullable: true,
    description: "The member's displayName (a user's falls back to userName).",
  })
  display!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A page of group members.' })
export class GroupMemberConnection extends Connection('GroupMember', GroupMember) {
  @Field(() => Int, { description: 'Direct members of the group: a separate count, run only when selected.' })
  totalCount!: number;
}

export interface GroupMemberConnectionSource extends ConnectionPage<GroupMemberRecord> {
  readonly groupId: string;
}
