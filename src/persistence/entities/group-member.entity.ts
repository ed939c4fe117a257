import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Membership as a set: the primary key makes adding an existing member a no-op (INSERT IGNORE), so
 * changing a huge group never reads it. No foreign keys: `member_id` names a user or a group, and a
 * key to `groups` would make every insert share-lock the group row that the same transaction then
 * updates (version bump), so concurrent additions to one group would deadlock on MySQL. Deleting a
 * user or group removes its rows explicitly, in the same transaction.
 */
@Entity({ name: 'group_members' })
@Index('ix_group_members_org_member_id', ['organizationId', 'memberId', 'groupId'])
export class GroupMemberEntity {
  @PrimaryColumn({ name: 'group_id', type: 'varchar', length: 36 })
  groupId!: string;

  @PrimaryColumn({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ name: 'member_type', type: 'varchar', length: 8 })
  memberType!: 'User' | 'Group';

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
