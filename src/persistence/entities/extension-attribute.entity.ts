import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An organization-defined User extension attribute. Names are unique per schema ignoring case
 * (`name_key`), as SCIM attribute names are case-insensitive.
 */
@Entity({ name: 'extension_attributes' })
@Index('ux_extension_attributes_org_schema_name_key', ['organizationId', 'schemaUrn', 'nameKey'], {
  unique: true,
})
export class ExtensionAttributeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  /** `schema` is a reserved word in MySQL. */
  @Column({ name: 'schema_urn', type: 'varchar', length: 256 })
  schemaUrn!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'name_key', type: 'varchar', length: 64 })
  nameKey!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: string;

  @Column({ name: 'multi_valued', type: 'boolean' })
  multiValued!: boolean;

  @Column({ name: 'case_exact', type: 'boolean' })
  caseExact!: boolean;

  @Column({ type: 'boolean' })
  required!: boolean;

  @Column({ name: 'canonical_values', type: 'json' })
  canonicalValues!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
