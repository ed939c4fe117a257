import type { ExtensionAttributeRecord } from './extension-attribute';

export interface ExtensionAttributeRepository {
  list(organizationId: string): Promise<ExtensionAttributeRecord[]>;
  /** Throws DomainError CONFLICT (field name) when the schema already defines the name. */
  insert(record: ExtensionAttributeRecord): Promise<void>;
  delete(organizationId: string, schema: string, name: string): Promise<boolean>;
}
