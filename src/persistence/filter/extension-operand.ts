import { badFilter } from '../../errors';
import type { ScalarAttribute } from '../../domain/filter/filter';
import type { Dialect } from '../dialect';
import type { Fragment } from '../fragment';
import { raw, sql } from '../fragment';
import type { Operand, OperandKind } from './filter-target';

/**
 * Extension attributes live in the `extensions` JSON column as `{ "<schema urn>": { "<name>": value } }`.
 * The JSON path is a parameter; functions differ per dialect (json_extract/json_each on SQLite,
 * JSON_VALUE/JSON_TABLE on MySQL and MariaDB).
 */
type Extension = NonNullable<ScalarAttribute['extension']>;

export function extensionJsonPath(extension: Extension): string {
  for (const part of [extension.schema, extension.name]) {
    if (/["\\]/.test(part)) throw badFilter('filter', `Extension attribute '${part}' cannot be filtered`);
  }
  return `$."${extension.schema}"."${extension.name}"`;
}

function kindOf(attribute: ScalarAttribute): OperandKind {
  switch (attribute.type) {
    case 'boolean':
    case 'dateTime':
      return attribute.type;
    case 'integer':
    case 'decimal':
      return 'number';
    default:
      return 'string';
  }
}

/** Turns the raw JSON scalar into a value comparable as `kind`. */
function typed(dialect: Dialect, kind: OperandKind, value: Fragment): Fragment {
  if (dialect.name === 'sqlite') {
    // json_extract yields TEXT, INTEGER/REAL and 1/0 for true/false already.
    return kind === 'dateTime' ? sql`strftime('%Y-%m-%d %H:%M:%f', ${value})` : value;
  }
  switch (kind) {
    case 'boolean':
      // MariaDB's JSON_VALUE gives 1/0 for true/false, JSON_TABLE and MySQL give true/false.
      return sql`(${value} IN ('true', '1'))`;
    case 'number':
      return sql`CAST(${value} AS DOUBLE)`;
    case 'dateTime':
      return sql`CAST(REPLACE(REPLACE(${value}, 'T', ' '), 'Z', '') AS DATETIME(3))`;
    case 'string':
      return value;
  }
}

/** A single-valued extension attribute as an operand. */
export function extensionOperand(column: Fragment, attribute: ScalarAttribute, dialect: Dialect): Operand {
  const path = extensionJsonPath(attribute.extension!);
  const kind = kindOf(attribute);
  const value =
    dialect.name === 'sqlite' ? sql`json_extract(${column}, ${path})` : sql`JSON_VALUE(${column}, ${path})`;
  return { expr: typed(dialect, kind, value), kind, nullable: true };
}

/** The elements of a multi-valued extension attribute: a row source and the element as an operand. */
export function extensionElements(
  column: Fragment,
  attribute: ScalarAttribute,
  dialect: Dialect,
): { from: Fragment; element: Operand } {
  const path = extensionJsonPath(attribute.extension!);
  const kind = kindOf(attribute);
  if (dialect.name === 'sqlite') {
    return {
      from: sql`json_each(${column}, ${path}) j`,
      element: { expr: typed(dialect, kind, raw('j.value')), kind, nullable: true },
    };
  }
  // Element strings compare exactly, like every column (LOWER() is applied for case-insensitive ones).
  const columnType = kind === 'number' ? 'DOUBLE' : 'VARCHAR(8192) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin';
  return {
    from: sql`JSON_TABLE(JSON_EXTRACT(${column}, ${path}), '$[*]' COLUMNS (v ${raw(columnType)} PATH '$')) j`,
    element: {
      expr: kind === 'number' ? raw('j.v') : typed(dialect, kind, raw('j.v')),
      kind,
      nullable: true,
    },
  };
}
