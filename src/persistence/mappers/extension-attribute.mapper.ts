import type { ExtensionAttributeRecord } from '../../domain/extensions/extension-attribute';
import type { SqlParam } from '../dialect';
import { fromDbBoolean, fromDbDate, fromDbJson, toDbBoolean, toDbDate } from '../dialect';

export const EXTENSION_ATTRIBUTE_COLUMN_NAMES = [
  'id',
  'organization_id',
  'schema_urn',
  'name',
  'name_key',
  'type',
  'multi_valued',
  'case_exact',
  'required',
  'canonical_values',
  'description',
  'created_at',
];

export interface ExtensionAttributeSqlRow {
  readonly id: string;
  readonly organization_id: string;
  readonly schema_urn: string;
  readonly name: string;
  readonly type: string;
  readonly multi_valued: unknown;
  readonly case_exact: unknown;
  readonly required: unknown;
  readonly canonical_values: unknown;
  readonly description: string | null;
  readonly created_at: unknown;
}

export const toExtensionAttributeRecord = (row: ExtensionAttributeSqlRow): ExtensionAttributeRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  schema: row.schema_urn,
  name: row.name,
  type: row.type as ExtensionAttributeRecord['type'],
  multiValued: fromDbBoolean(row.multi_valued),
  caseExact: fromDbBoolean(row.case_exact),
  required: fromDbBoolean(row.required),
  canonicalValues: fromDbJson<string[]>(row.canonical_values, []),
  description: row.description,
  createdAt: fromDbDate(row.created_at),
});

/** Values in EXTENSION_ATTRIBUTE_COLUMN_NAMES order. */
export const extensionAttributeParams = (record: ExtensionAttributeRecord): SqlParam[] => [
  record.id,
  record.organizationId,
  record.schema,
  record.name,
  record.name.toLowerCase(),
  record.type,
  toDbBoolean(record.multiValued),
  toDbBoolean(record.caseExact),
  toDbBoolean(record.required),
  JSON.stringify(record.canonicalValues),
  record.description,
  toDbDate(record.createdAt),
];
