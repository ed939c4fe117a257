import type { ExtensionAttributeRecord } from '../../domain/extensions/extension-attribute';
import type { ExtensionAttributeRepository } from '../../domain/extensions/extension-attribute.repository';
import { placeholders } from '../dialect';
import type { ExtensionAttributeSqlRow } from '../mappers/extension-attribute.mapper';
import {
  EXTENSION_ATTRIBUTE_COLUMN_NAMES,
  extensionAttributeParams,
  toExtensionAttributeRecord,
} from '../mappers/extension-attribute.mapper';
import type { Sql } from '../sql';

export class SqlExtensionAttributeRepository implements ExtensionAttributeRepository {
  private readonly table: string;

  constructor(private readonly db: Sql) {
    this.table = db.dialect.quote('extension_attributes');
  }

  /** In the order they were defined. */
  async list(organizationId: string): Promise<ExtensionAttributeRecord[]> {
    const rows = await this.db.rows<ExtensionAttributeSqlRow>(
      `SELECT ${EXTENSION_ATTRIBUTE_COLUMN_NAMES.join(', ')} FROM ${this.table} WHERE organization_id = ? ORDER BY id`,
      [organizationId],
    );
    return rows.map(toExtensionAttributeRecord);
  }

  /** A name taken in the schema (in any case) is CONFLICT on `name` (see map-db-error). */
  async insert(record: ExtensionAttributeRecord): Promise<void> {
    const params = extensionAttributeParams(record);
    await this.db.run(
      `INSERT INTO ${this.table} (${EXTENSION_ATTRIBUTE_COLUMN_NAMES.join(', ')}) VALUES (${placeholders(params.length)})`,
      params,
    );
  }

  async delete(organizationId: string, schema: string, name: string): Promise<boolean> {
    const affected = await this.db.run(
      `DELETE FROM ${this.table} WHERE organization_id = ? AND schema_urn = ? AND name = ?`,
      [organizationId, schema, name],
    );
    return affected === 1;
  }
}
