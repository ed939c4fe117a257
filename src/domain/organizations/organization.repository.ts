import type { Page, PageRequest } from '../shared/page';
import type { OrganizationRecord } from './organization';

/** What an organization still holds: deleting it is refused while any of these is not zero (unless forced). */
export interface OrganizationUsage {
  readonly users: number;
  readonly groups: number;
  readonly connections: number;
}

export interface OrganizationRepository {
  findById(id: string): Promise<OrganizationRecord | null>;
  findBySlug(slug: string): Promise<OrganizationRecord | null>;
  list(): Promise<OrganizationRecord[]>;
  /** Ordered by slug. */
  findPage(page: PageRequest): Promise<Page<OrganizationRecord>>;
  count(): Promise<number>;
  /** Throws DomainError CONFLICT (field slug) when the slug is taken. */
  insert(organization: OrganizationRecord): Promise<void>;
  rename(id: string, name: string): Promise<boolean>;
  usage(id: string): Promise<OrganizationUsage>;
  /**
   * Removes the organization and everything it holds (users, groups, memberships, tokens, extension
   * attributes) — except its audit trail, which outlives it and records the deletion.
   */
  delete(id: string): Promise<void>;
}
