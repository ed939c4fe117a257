import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A tenant. Rows of every other table belong to exactly one organization. */
@Entity({ name: 'organizations' })
@Index('ux_organizations_slug', ['slug'], { unique: true })
export class OrganizationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  slug!: string;

  @Column({ type: 'varchar', length: 256 })
  name!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
