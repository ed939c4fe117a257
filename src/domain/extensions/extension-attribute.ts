import type { ExtensionAttributeDefinition } from '../users/user-attributes';

/** An organization-defined User extension attribute, as stored. */
export interface ExtensionAttributeRecord extends ExtensionAttributeDefinition {
  readonly id: string;
  readonly organizationId: string;
  readonly description: string | null;
  readonly createdAt: Date;
}

export type ExtensionAttributeInput = Omit<
  ExtensionAttributeDefinition,
  'caseExact' | 'required' | 'canonicalValues' | 'multiValued'
> & {
  readonly multiValued?: boolean;
  readonly caseExact?: boolean;
  readonly required?: boolean;
  readonly canonicalValues?: readonly string[];
  readonly description?: string | null;
};
