import { ArgsType, Field, ID, Int } from 'type-graphql';
import { MAX_MEMBERS_PER_CALL } from '../../domain/groups/group-members';
import { GroupChangeInput, GroupPatchInput } from './group.input';
import { UserInput, UserPatchInput } from './user.input';

// Arguments of the writes that can race, declared as classes so the SDL lists them in reading order
// (id, input, expectedVersion): type-graphql registers separate @Arg parameters last to first.

@ArgsType()
export class DeleteArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Fail with VERSION_CONFLICT unless the stored version is this.',
  })
  expectedVersion?: number | null;
}

@ArgsType()
export class ReplaceUserArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => UserInput)
  input!: UserInput;

  @Field(() => Int, {
    nullable: true,
    description: 'Fail with VERSION_CONFLICT unless the stored version is this.',
  })
  expectedVersion?: number | null;
}

@ArgsType()
export class UpdateUserArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => UserPatchInput)
  input!: UserPatchInput;

  @Field(() => Int, {
    nullable: true,
    description: 'Fail with VERSION_CONFLICT unless the stored version is this.',
  })
  expectedVersion?: number | null;
}

@ArgsType()
export class SetUserActiveArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Fail with VERSION_CONFLICT unless the stored version is this.',
  })
  expectedVersion?: number | null;
}

@ArgsType()
export class UpdateGroupArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => GroupPatchInput)
  input!: GroupPatchInput;

  @Field(() => Int, {
    nullable: true,
    description: 'Fail with VERSION_CONFLICT unless the stored version is this.',
  })
  expectedVersion?: number | null;
}

@ArgsType()
export class ModifyGroupArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => GroupChangeInput)
  input!: GroupChangeInput;

  @Field(() => Int, {
    nullable: true,
    description:
      'Fail with VERSION_CONFLICT unless the stored version is this. Without it, a change that races another is retried.',
  })
  expectedVersion?: number | null;
}

@ArgsType()
export class MembershipArgs {
  @Field(() => ID)
  groupId!: string;

  @Field(() => [ID], {
    description: `Users and groups of the organization; at most ${MAX_MEMBERS_PER_CALL} per call.`,
  })
  memberIds!: string[];

  @Field(() => Int, {
    nullable: true,
    description:
      'Fail with VERSION_CONFLICT unless the group is at this version. Omit it to let disjoint changes run concurrently.',
  })
  expectedVersion?: number | null;
}
