import type { OrganizationRecord } from '../../domain/organizations/organization';
import { fromDbDate } from '../dialect';

export const ORGANIZATION_COLUMNS = 'id, slug, name, created_at';

export interface OrganizationSqlRow {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly created_at: unknown;
}

export const toOrganizationRecord = (row: OrganizationSqlRow): OrganizationRecord => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  createdAt: fromDbDate(row.created_at),
});
