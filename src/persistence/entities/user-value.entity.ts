import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * One value of a user's multi-valued attribute (emails, phoneNumbers, …, addresses): the indexed
 * projection of the JSON columns of `users` that lets `emails.value eq`, `emails[type eq "work"]` or
 * `addresses.locality eq` run as plain indexed SQL on both dialects. Reads never use it.
 */
@Entity({ name: 'user_values' })
@Index('ix_user_values_org_attribute_value_key', ['organizationId', 'attribute', 'valueKey'])
export class UserValueEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  @ForeignKey(() => UserEntity, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  attribute!: string;

  @PrimaryColumn({ type: 'integer' })
  position!: number;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'text', nullable: true })
  value!: string | null;

  /** `caseKey(value)`, cut to 255 characters so it can be indexed; longer values are rechecked. */
  @Column({ name: 'value_key', type: 'varchar', length: 255, nullable: true })
  valueKey!: string | null;

  @Column({ type: 'text', nullable: true })
  type!: string | null;

  @Column({ name: 'primary_flag', type: 'boolean' })
  primaryFlag!: boolean;

  @Column({ type: 'text', nullable: true })
  display!: string | null;

  @Column({ type: 'text', nullable: true })
  formatted!: string | null;

  @Column({ name: 'street_address', type: 'text', nullable: true })
  streetAddress!: string | null;

  @Column({ type: 'text', nullable: true })
  locality!: string | null;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  @Column({ name: 'postal_code', type: 'text', nullable: true })
  postalCode!: string | null;

  @Column({ type: 'text', nullable: true })
  country!: string | null;
}
