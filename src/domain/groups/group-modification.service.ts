import { badInput } from '../../errors';
import { recordAudit } from '../audit/audit-trail';
import { groupUpdated, memberEvents } from '../events/event-data';
import type { RequestContext } from '../auth/request-context';
import { authorize } from '../auth/request-context';
import type { Clock } from '../shared/clock';
import { caseKey } from '../shared/text';
import type { WriteOptions } from '../shared/versioning';
import { checkVersion, orNotFound, versionConflict } from '../shared/versioning';
import type { Repositories, Store } from '../store';
import type { GroupRecord } from './group';
import { checkGroupInput } from './group.service';
import type { GroupMembershipService } from './group-membership.service';
import { checkMemberIds, MAX_MEMBERS_PER_CALL } from './group-membership.service';

/** Several changes to one group, applied together or not at all (a SCIM PATCH or PUT). */
export interface GroupChange {
  readonly displayName?: string;
  readonly externalId?: string | null;
  readonly members?: {
    /** Replace the members with exactly these (applied first). */
    readonly set?: readonly string[];
    readonly add?: readonly string[];
    /** Applied last; absent members are not an error. */
    readonly remove?: readonly string[];
  };
}

export class GroupModificationService {
  constructor(
    private readonly store: Store,
    private readonly memberships: GroupMembershipService,
    private readonly clock: Clock,
  ) {}

  async modify(
    ctx: RequestContext,
    id: string,
    change: GroupChange,
    options: WriteOptions = {},
  ): Promise<GroupRecord> {
    authorize(ctx, 'write');
    const members = checkMembers(change.members);
    // No retry on a version race: `apply` locks the group, so concurrent changes queue instead of racing.
    return this.store.transaction((tx) => this.apply(tx, ctx, id, change, members, options));
  }

  private async apply(
    tx: Repositories,
    ctx: RequestContext,
    id: string,
    change: GroupChange,
    members: { set?: string[]; add: string[]; remove: string[] },
    options: WriteOptions,
  ): Promise<GroupRecord> {
    const organizationId = ctx.principal.organizationId;
    // Locked: concurrent changes to this group wait for this one, so the version read is the one
    // this write follows and the new record needs no second read.
    const current = orNotFound('Group', id, await tx.groups.findForUpdate(organizationId, id));
    checkVersion('Group', current, options.expectedVersion);
    const attributes = checkGroupInput({
      displayName: change.displayName ?? current.displayName,
      externalId: change.externalId === undefined ? current.externalId : change.externalId,
    });
    const fields = (['displayName', 'externalId'] as const).filter((key) => current[key] !== attributes[key]);
    const set = members.set
      ? await this.memberships.setWithin(tx, ctx, id, members.set)
      : { added: 0, removed: 0, addedIds: [], removedIds: [] };
    const added = set.added + (await this.memberships.addWithin(tx, ctx, id, members.add));
    const removed = set.removed + (await this.memberships.removeWithin(tx, ctx, id, members.remove));
    if (fields.length === 0 && added + removed === 0) return current;
    const record = await this.update(tx, current, attributes);
    const delta = {
      addedIds: added === 0 ? [] : [...set.addedIds, ...members.add],
      removedIds: removed === 0 ? [] : [...set.removedIds, ...members.remove],
    };
    await recordAudit(tx.audit, ctx, this.clock, {
      action: 'group.modify',
      targetType: 'Group',
      targetId: id,
      changes: { fields, added, removed },
      events: [
        ...(fields.length > 0 ? [groupUpdated(current, record, fields)] : []),
        ...memberEvents(record, delta),
      ],
    });
    return record;
  }

  /** `current` is locked: the conditional write cannot lose to another, but stays a guard. */
  private async update(
    tx: Repositories,
    current: GroupRecord,
    attributes: { displayName: string; externalId: string | null },
  ): Promise<GroupRecord> {
    const row = {
      ...current,
      ...attributes,
      displayNameKey: caseKey(attributes.displayName),
      version: current.version + 1,
      updatedAt: this.clock(),
    };
    if (!(await tx.groups.update(row, current.version))) throw versionConflict('Group', current.id);
    const { displayNameKey: _key, ...record } = row;
    return record;
  }
}

function checkMembers(members: GroupChange['members']) {
  const set = members?.set ? checkMemberIds(members.set) : undefined;
  const add = checkMemberIds(members?.add ?? []);
  const remove = checkMemberIds(members?.remove ?? []);
  if ((set?.length ?? 0) + add.length + remove.length > MAX_MEMBERS_PER_CALL) {
    throw badInput('members', `At most ${MAX_MEMBERS_PER_CALL} members can be changed in one call`);
  }
  return { set, add, remove };
}
