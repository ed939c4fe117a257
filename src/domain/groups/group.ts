export type MemberType = 'User' | 'Group';

export interface GroupRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly displayName: string;
  readonly externalId: string | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface GroupInput {
  readonly displayName: string;
  readonly externalId?: string | null;
}

export interface GroupRow extends GroupRecord {
  readonly displayNameKey: string;
}

export interface GroupMember {
  readonly groupId: string;
  readonly memberId: string;
  readonly memberType: MemberType;
  /** The member's displayName (a group's) or displayName/userName (a user's), for SCIM `members.display`. */
  readonly display: string | null;
}

/** A group a user belongs to, directly or through nested groups. */
export interface UserGroupMembership {
  readonly userId: string;
  readonly group: GroupRecord;
  readonly direct: boolean;
}
