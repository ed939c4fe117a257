import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { USER_CATALOG } from '../../domain/users/user-catalog';

/**
 * A user. Free-text attributes are `text` (MySQL's 64 KB row limit would not fit them all as
 * varchar); the columns that serve lookups are bounded varchars behind indexes led by
 * organization_id. Multi-valued attributes are JSON here and projected into `user_values` for
 * filtering.
 */
@Entity({ name: 'users' })
@Index('ux_users_org_user_name_key', ['organizationId', 'userNameKey'], { unique: true })
@Index('ix_users_org_id', ['organizationId', 'id'])
@Index('ix_users_org_display_name_key', ['organizationId', 'displayNameKey', 'id'])
@Index('ix_users_org_external_id', ['organizationId', 'externalId', 'id'])
@Index('ix_users_org_manager_id', ['organizationId', 'managerId', 'id'])
@Index('ix_users_org_created_at', ['organizationId', 'createdAt', 'id'])
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ name: 'user_name', type: 'varchar', length: 256 })
  userName!: string;

  @Column({ name: 'user_name_key', type: 'varchar', length: 512 })
  userNameKey!: string;

  @Column({ name: 'display_name_key', type: 'varchar', length: 255, nullable: true })
  displayNameKey!: string | null;

  @Column({ name: 'external_id', type: 'varchar', length: 256, nullable: true })
  externalId!: string | null;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ name: 'manager_id', type: 'varchar', length: 256, nullable: true })
  managerId!: string | null;

  @Column({ type: 'json' })
  emails!: string;

  @Column({ name: 'phone_numbers', type: 'json' })
  phoneNumbers!: string;

  @Column({ type: 'json' })
  ims!: string;

  @Column({ type: 'json' })
  photos!: string;

  @Column({ type: 'json' })
  entitlements!: string;

  @Column({ type: 'json' })
  roles!: string;

  @Column({ name: 'x509_certificates', type: 'json' })
  x509Certificates!: string;

  @Column({ type: 'json' })
  addresses!: string;

  @Column({ type: 'json' })
  extensions!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 256, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

// Every free-text catalog attribute is a nullable `text` column: declared once, in the catalog.
for (const attribute of USER_CATALOG.filter((e) => e.storage === 'text')) {
  const column = attribute.column as string;
  Column({ name: column, type: 'text', nullable: true })(UserEntity.prototype, column);
}
