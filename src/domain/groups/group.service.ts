import { badInput } from '../../errors';
import { recordAudit } from '../audit/audit-trail';
import { groupCreated, groupDeleted, memberEvents } from '../events/event-data';
import type { RequestContext } from '../auth/request-context';
import { authorize } from '../auth/request-context';
import type { FilterInput } from '../filter/filter';
import { resolveFilter } from '../filter/resolve-filter';
import { checkPage, checkSort } from '../shared/check-page';
import type { Clock } from '../shared/clock';
import type { Page, PageRequest } from '../shared/page';
import { caseKey } from '../shared/text';
import { uuidV7 } from '../shared/uuid-v7';
import type { WriteOptions } from '../shared/versioning';
import { checkVersion, orNotFound } from '../shared/versioning';
import type { Store } from '../store';
import { checkText } from '../users/validate-user';
import type { GroupInput, GroupRecord, GroupRow } from './group';
import { GROUP_ATTRIBUTES } from './group-attributes';
import { groupMembers } from './group-members';

const DISPLAY_NAME_MAX = 256;

export function checkGroupInput(input: {
  readonly displayName: string | null | undefined;
  readonly externalId?: string | null;
}): { displayName: string; externalId: string | null } {
  const displayName = checkText('displayName', input.displayName, DISPLAY_NAME_MAX);
  if (!displayName || displayName.trim() === '') throw badInput('displayName', 'displayName is required');
  return { displayName, externalId: checkText('externalId', input.externalId, 256) };
}

export class GroupService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async find(ctx: RequestContext, id: string): Promise<GroupRecord | null> {
    return this.store.repositories.groups.findById(authorize(ctx, 'read'), id);
  }

  async get(ctx: RequestContext, id: string): Promise<GroupRecord> {
    return orNotFound('Group', id, await this.find(ctx, id));
  }

  async findMany(ctx: RequestContext, ids: readonly string[]): Promise<(GroupRecord | null)[]> {
    const found = await this.store.repositories.groups.findByIds(authorize(ctx, 'read'), ids);
    const byId = new Map(found.map((group) => [group.id, group]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async list(ctx: RequestContext, filter: FilterInput | null, page: PageRequest): Promise<Page<GroupRecord>> {
    const organizationId = authorize(ctx, 'read');
    const resolved = filter ? resolveFilter(filter, GROUP_ATTRIBUTES) : null;
    return this.store.repositories.groups.findPage(
      organizationId,
      resolved,
      checkPage(checkSort(page, GROUP_ATTRIBUTES)),
    );
  }

  async count(ctx: RequestContext, filter: FilterInput | null): Promise<number> {
    const organizationId = authorize(ctx, 'read');
    return this.store.repositories.groups.count(
      organizationId,
      filter ? resolveFilter(filter, GROUP_ATTRIBUTES) : null,
    );
  }

  /** Creates the group and, in the same transaction, its initial members. */
  async create(
    ctx: RequestContext,
    input: GroupInput,
    memberIds: readonly string[] = [],
  ): Promise<GroupRecord> {
    const organizationId = authorize(ctx, 'write');
    const checked = checkGroupInput(input);
    const now = this.clock();
    const row: GroupRow = {
      ...checked,
      id: uuidV7(now.getTime()),
      organizationId,
      displayNameKey: caseKey(checked.displayName),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    return this.store.transaction(async (tx) => {
      await tx.groups.insert(row);
      const added = await groupMembers.add(tx, organizationId, row.id, memberIds, now);
      const { displayNameKey: _key, ...record } = row;
      await recordAudit(tx.audit, ctx, this.clock, {
        action: 'group.create',
        targetType: 'Group',
        targetId: row.id,
        changes: { displayName: row.displayName, membersAdded: added },
        events: [groupCreated(record), ...memberEvents(record, { addedIds: memberIds, removedIds: [] })],
      });
      return record;
    });
  }

  async delete(ctx: RequestContext, id: string, options: WriteOptions = {}): Promise<GroupRecord> {
    const organizationId = authorize(ctx, 'write');
    return this.store.transaction(async (tx) => {
      const current = orNotFound('Group', id, await tx.groups.findById(organizationId, id));
      checkVersion('Group', current, options.expectedVersion);
      await tx.memberships.removeEverywhere(organizationId, id, this.clock());
      await tx.groups.delete(organizationId, id);
      await recordAudit(tx.audit, ctx, this.clock, {
        action: 'group.delete',
        targetType: 'Group',
        targetId: id,
        changes: { displayName: current.displayName },
        events: [groupDeleted(current)],
      });
      return current;
    });
  }
}
