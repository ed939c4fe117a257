import type { GroupMember, GroupRecord, MemberType } from '../../domain/groups/group';
import { fromDbDate } from '../dialect';

export const GROUP_COLUMN_NAMES = [
  'id',
  'organization_id',
  'display_name',
  'external_id',
  'version',
  'created_at',
  'updated_at',
] as const;

export const GROUP_COLUMNS = GROUP_COLUMN_NAMES.map((column) => `g.${column}`).join(', ');

export interface GroupSqlRow {
  readonly id: string;
  readonly organization_id: string;
  readonly display_name: string;
  readonly external_id: string | null;
  readonly version: unknown;
  readonly created_at: unknown;
  readonly updated_at: unknown;
}

export const toGroupRecord = (row: GroupSqlRow): GroupRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  displayName: row.display_name,
  externalId: row.external_id,
  version: Number(row.version),
  createdAt: fromDbDate(row.created_at),
  updatedAt: fromDbDate(row.updated_at),
});

export interface GroupMemberSqlRow {
  readonly group_id: string;
  readonly member_id: string;
  readonly member_type: string;
  readonly display: string | null;
}

export const toGroupMember = (row: GroupMemberSqlRow): GroupMember => ({
  groupId: row.group_id,
  memberId: row.member_id,
  memberType: row.member_type as MemberType,
  display: row.display,
});
