/**
 * Builder for the "standard" multi-valued complex attributes of RFC 7643 §2.4 — `value`,
 * `display`, `type` and `primary` — which most of the User schema's plural attributes repeat.
 */
import { defineAttribute } from './attribute-definition';
import type { AttributeDefinition, AttributeType, Mutability } from './attribute-definition';

export interface StandardSubAttributes {
  readonly valueDescription: string;
  readonly valueType?: AttributeType;
  readonly valueCaseExact?: boolean;
  readonly referenceTypes?: readonly string[];
  readonly typeDescription?: string;
  readonly canonicalTypes?: readonly string[];
  readonly mutability?: Mutability;
}

export function standardSubAttributes(spec: StandardSubAttributes): AttributeDefinition[] {
  const mutability = spec.mutability ?? 'readWrite';
  return [
    defineAttribute('value', spec.valueType ?? 'string', {
      description: spec.valueDescription,
      caseExact: spec.valueCaseExact ?? false,
      mutability,
      ...(spec.referenceTypes && { referenceTypes: spec.referenceTypes }),
    }),
    defineAttribute('display', 'string', {
      description: 'A human-readable name, primarily used for display purposes.',
      mutability,
    }),
    defineAttribute('type', 'string', {
      description: spec.typeDescription ?? "A label indicating the attribute's function.",
      mutability,
      ...(spec.canonicalTypes && { canonicalValues: spec.canonicalTypes }),
    }),
    primarySubAttribute(mutability),
  ];
}

export function primarySubAttribute(mutability: Mutability = 'readWrite'): AttributeDefinition {
  return defineAttribute('primary', 'boolean', {
    description:
      "A Boolean value indicating the 'primary' or preferred attribute value for this attribute. " +
      "The primary attribute value 'true' MUST appear no more than once.",
    mutability,
  });
}

export function multiValuedComplex(
  name: string,
  description: string,
  subAttributes: readonly AttributeDefinition[],
  mutability: Mutability = 'readWrite',
): AttributeDefinition {
  return defineAttribute(name, 'complex', { description, multiValued: true, mutability, subAttributes });
}
