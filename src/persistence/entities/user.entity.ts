import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

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

  @Column({ name: 'display_name', type: 'text', nullable: true })
  displayName!: string | null;

  @Column({ name: 'display_name_key', type: 'varchar', length: 255, nullable: true })
  displayNameKey!: string | null;

  @Column({ name: 'external_id', type: 'varchar', length: 256, nullable: true })
  externalId!: string | null;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ name: 'name_formatted', type: 'text', nullable: true })
  nameFormatted!: string | null;

  @Column({ name: 'family_name', type: 'text', nullable: true })
  familyName!: string | null;

  @Column({ name: 'given_name', type: 'text', nullable: true })
  givenName!: string | null;

  @Column({ name: 'middle_name', type: 'text', nullable: true })
  middleName!: string | null;

  @Column({ name: 'honorific_prefix', type: 'text', nullable: true })
  honorificPrefix!: string | null;

  @Column({ name: 'honorific_suffix', type: 'text', nullable: true })
  honorificSuffix!: string | null;

  @Column({ name: 'nick_name', type: 'text', nullable: true })
  nickName!: string | null;

  @Column({ name: 'profile_url', type: 'text', nullable: true })
  profileUrl!: string | null;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Column({ name: 'user_type', type: 'text', nullable: true })
  userType!: string | null;

  @Column({ name: 'preferred_language', type: 'text', nullable: true })
  preferredLanguage!: string | null;

  @Column({ type: 'text', nullable: true })
  locale!: string | null;

  @Column({ type: 'text', nullable: true })
  timezone!: string | null;

  @Column({ name: 'employee_number', type: 'text', nullable: true })
  employeeNumber!: string | null;

  @Column({ name: 'cost_center', type: 'text', nullable: true })
  costCenter!: string | null;

  @Column({ type: 'text', nullable: true })
  organization!: string | null;

  @Column({ type: 'text', nullable: true })
  division!: string | null;

  @Column({ type: 'text', nullable: true })
  department!: string | null;

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
