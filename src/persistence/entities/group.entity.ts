import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'groups' })
@Index('ix_groups_org_id', ['organizationId', 'id'])
@Index('ix_groups_org_display_name_key', ['organizationId', 'displayNameKey', 'id'])
@Index('ix_groups_org_external_id', ['organizationId', 'externalId', 'id'])
@Index('ix_groups_org_created_at', ['organizationId', 'createdAt', 'id'])
export class GroupEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  /** `caseKey(displayName)`, cut to 255 characters so it can be indexed; longer values are rechecked. */
  @Column({ name: 'display_name_key', type: 'varchar', length: 255 })
  displayNameKey!: string;

  @Column({ name: 'external_id', type: 'varchar', length: 256, nullable: true })
  externalId!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
