import { Field, ID, InputType } from 'type-graphql';
import type { GroupChange } from '../../domain/groups/group-write.service';

@InputType({ description: 'A new group, optionally with its first members.' })
export class GroupInput {
  @Field(() => String)
  displayName!: string;

  @Field(() => String, { nullable: true })
  externalId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Users and groups of the organization to add as members.',
  })
  memberIds?: string[] | null;
}

@InputType({
  description:
    'A partial update of a group: an omitted field is left unchanged. Members have their own mutations.',
})
export class GroupPatchInput {
  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: 'Null clears it.' })
  externalId?: string | null;
}

@InputType({ description: 'Member changes applied together: `set` first, then `add`, then `remove`.' })
export class GroupMemberChangesInput {
  @Field(() => [ID], { nullable: true, description: 'Replace the members with exactly these.' })
  set?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Add these (already present ones are fine).' })
  add?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Remove these (absent ones are fine).' })
  remove?: string[] | null;
}

@InputType({
  description:
    'Attribute and member changes to one group, applied in one transaction (a SCIM PATCH or PUT). Omitted fields are left unchanged.',
})
export class GroupChangeInput {
  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: 'Null clears it.' })
  externalId?: string | null;

  @Field(() => GroupMemberChangesInput, { nullable: true })
  members?: GroupMemberChangesInput | null;
}

/** The domain's group change: absent lists change nothing, and a null displayName keeps the current one. */
export function toGroupChange(input: GroupChangeInput): GroupChange {
  const { displayName, externalId, members } = input;
  return {
    displayName: displayName ?? undefined,
    externalId,
    members: members
      ? { set: members.set ?? undefined, add: members.add ?? undefined, remove: members.remove ?? undefined }
      : undefined,
  };
}
