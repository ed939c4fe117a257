import type { OrganizationRecord } from './organization';

export interface OrganizationRepository {
  findById(id: string): Promise<OrganizationRecord | null>;
  findBySlug(slug: string): Promise<OrganizationRecord | null>;
  list(): Promise<OrganizationRecord[]>;
  count(): Promise<number>;
  /** Throws DomainError CONFLICT (field slug) when the slug is taken. */
  insert(organization: OrganizationRecord): Promise<void>;
}
