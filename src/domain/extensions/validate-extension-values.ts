import { badInput } from '../../errors';
import type { ExtensionValues, JsonValue } from '../users/user';
import type { ExtensionAttributeDefinition } from '../users/user-attributes';

const MAX_TEXT = 1024;
const MAX_VALUES = 100;

function checkScalar(definition: ExtensionAttributeDefinition, value: JsonValue, field: string): JsonValue {
  const wrong = () => badInput(field, `${field} must be a ${definition.type}`, { reason: 'invalidValue' });
  switch (definition.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw wrong();
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw wrong();
      return value;
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrong();
      return value;
    case 'dateTime': {
      const date = typeof value === 'string' ? new Date(value) : undefined;
      if (!date || Number.isNaN(date.getTime())) throw wrong();
      return date.toISOString();
    }
    default: {
      if (typeof value !== 'string') throw wrong();
      if (value.length > MAX_TEXT) throw badInput(field, `${field} is longer than ${MAX_TEXT} characters`);
      checkCanonical(definition, value, field);
      return value;
    }
  }
}

function checkCanonical(definition: ExtensionAttributeDefinition, value: string, field: string): void {
  if (definition.canonicalValues.length === 0) return;
  const matches = definition.caseExact
    ? definition.canonicalValues.includes(value)
    : definition.canonicalValues.some((c) => c.toLowerCase() === value.toLowerCase());
  if (!matches) {
    throw badInput(field, `${field} must be one of ${definition.canonicalValues.join(', ')}`, {
      reason: 'invalidValue',
    });
  }
}

function checkValue(definition: ExtensionAttributeDefinition, value: JsonValue, field: string): JsonValue {
  if (!definition.multiValued) return checkScalar(definition, value, field);
  if (!Array.isArray(value)) throw badInput(field, `${field} must be a list`, { reason: 'invalidValue' });
  if (value.length > MAX_VALUES) throw badInput(field, `${field} has more than ${MAX_VALUES} values`);
  return value.map((item, i) => checkScalar(definition, item, `${field}[${i}]`));
}

/**
 * Checks extension values against the organization's definitions: every schema and attribute must
 * be defined, values must have the defined type (and a canonical value when the list is set), and
 * required attributes must be present. Returns the values with empty ones dropped.
 */
export function validateExtensionValues(
  values: ExtensionValues,
  definitions: readonly ExtensionAttributeDefinition[],
): ExtensionValues {
  const result: Record<string, Record<string, JsonValue>> = {};
  for (const [schema, attributes] of Object.entries(values)) {
    if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
      throw badInput(`extensions.${schema}`, `extensions.${schema} must be an object`);
    }
    for (const [name, value] of Object.entries(attributes)) {
      const field = `extensions.${schema}.${name}`;
      const definition = definitions.find(
        (d) => d.schema === schema && d.name.toLowerCase() === name.toLowerCase(),
      );
      if (!definition) throw badInput(field, `No extension attribute ${name} is defined in schema ${schema}`);
      if (value === null || (Array.isArray(value) && value.length === 0)) continue;
      (result[schema] ??= {})[definition.name] = checkValue(definition, value, field);
    }
  }
  for (const definition of definitions.filter((d) => d.required)) {
    if (result[definition.schema]?.[definition.name] === undefined) {
      const field = `extensions.${definition.schema}.${definition.name}`;
      throw badInput(field, `${definition.name} is required`, { reason: 'required' });
    }
  }
  return result;
}
