import { badInput } from '../../errors';
import type { AuditAction, ChangeSummary } from '../audit/audit-event';
import { recordAudit } from '../audit/audit-trail';
import type { EmittedEvent } from '../events/change-event';
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
import { AUDITED_IDS, checkMemberIds, groupMembers, MAX_MEMBERS_PER_CALL } from './group-members';

/** Changes to one group, applied together or not at all. */
export interface GroupChange {
  /** Absent keeps the current name; null is refused (a group needs a name). */
  readonly displayName?: string | null;
  readonly externalId?: string | null;
  readonly members?: {
    /** Replace the members with exactly these (applied first). */
    readonly set?: readonly string[];
    readonly add?: readonly string[];
    /** Applied last; absent members are not an error. */
    readonly remove?: readonly string[];
  };
}

/** What a group write did. */
export interface GroupWriteResult {
  readonly group: GroupRecord;
  readonly added: number;
  readonly removed: number;
}

export type GroupWriteAction = Extract<
  AuditAction,
  'group.update' | 'group.modify' | 'group.members.add' | 'group.members.remove' | 'group.members.set'
>;

interface Outcome {
  readonly fields: readonly string[];
  readonly added: number;
  readonly removed: number;
  /** The member ids the request named (set: the ones that changed). */
  readonly memberIds: readonly string[];
  /** The ids named for the feed's member events: empty when no member was added (removed). */
  readonly addedIds: readonly string[];
  readonly removedIds: readonly string[];
}

/**
 * What each mutation records, as its audit events always have. `updateGroup` has always written
 * (and bumped the version) even when nothing changed; the others write nothing then.
 */
const ACTIONS: Readonly<
  Record<GroupWriteAction, { summary: (o: Outcome) => ChangeSummary; writesUnchanged: boolean }>
> = {
  'group.update': { summary: ({ fields }) => ({ fields }), writesUnchanged: true },
  'group.modify': {
    summary: ({ fields, added, removed }) => ({ fields, added, removed }),
    writesUnchanged: false,
  },
  'group.members.add': { summary: memberSummary, writesUnchanged: false },
  'group.members.remove': { summary: memberSummary, writesUnchanged: false },
  'group.members.set': { summary: memberSummary, writesUnchanged: false },
};

function memberSummary({ added, removed, memberIds }: Outcome): ChangeSummary {
  return { added, removed, memberIds: memberIds.slice(0, AUDITED_IDS) };
}

/**
 * The one write path of an existing group: updateGroup, modifyGroup and the member mutations all
 * come here. The group row is locked first, so concurrent writers of one group queue instead of
 * racing (no version-conflict retries), and the version read is the one the write follows.
 */
export class GroupWriteService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async write(
    ctx: RequestContext,
    id: string,
    change: GroupChange,
    action: GroupWriteAction,
    options: WriteOptions = {},
  ): Promise<GroupWriteResult> {
    authorize(ctx, 'write');
    const members = checkMembers(change.members);
    return this.store.transaction(async (tx) => {
      const organizationId = ctx.principal.organizationId;
      const current = orNotFound('Group', id, await tx.groups.findForUpdate(organizationId, id));
      checkVersion('Group', current, options.expectedVersion);
      const attributes = checkGroupInput({
        displayName: change.displayName === undefined ? current.displayName : change.displayName,
        externalId: change.externalId === undefined ? current.externalId : change.externalId,
      });
      const fields = (['displayName', 'externalId'] as const).filter(
        (key) => current[key] !== attributes[key],
      );
      const outcome = { fields, ...(await this.changeMembers(tx, organizationId, id, members)) };
      const changed = fields.length > 0 || outcome.added + outcome.removed > 0;
      if (!changed && !ACTIONS[action].writesUnchanged) return { group: current, added: 0, removed: 0 };
      const group = await this.update(tx, current, attributes);
      await recordAudit(tx.audit, ctx, this.clock, {
        action,
        targetType: 'Group',
        targetId: id,
        changes: ACTIONS[action].summary(outcome),
        events: changeEvents(action, current, group, outcome),
      });
      return { group, added: outcome.added, removed: outcome.removed };
    });
  }

  private async changeMembers(
    tx: Repositories,
    organizationId: string,
    id: string,
    members: ReturnType<typeof checkMembers>,
  ) {
    const now = this.clock();
    const set = members.set
      ? await groupMembers.set(tx, organizationId, id, members.set, now)
      : { added: 0, removed: 0, ids: [], addedIds: [], removedIds: [] };
    const added = set.added + (await groupMembers.add(tx, organizationId, id, members.add, now));
    const removed = set.removed + (await groupMembers.remove(tx, organizationId, id, members.remove));
    return {
      added,
      removed,
      memberIds: [...set.ids, ...members.add, ...members.remove],
      addedIds: added === 0 ? [] : [...set.addedIds, ...members.add],
      removedIds: removed === 0 ? [] : [...set.removedIds, ...members.remove],
    };
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

/**
 * The feed's events of one write: `group.updated` when an attribute changed (always for
 * updateGroup, which always writes), then the member ids added and removed, in chunks.
 */
function changeEvents(
  action: GroupWriteAction,
  before: GroupRecord,
  after: GroupRecord,
  outcome: Outcome,
): EmittedEvent[] {
  const updated = outcome.fields.length > 0 || action === 'group.update';
  return [...(updated ? [groupUpdated(before, after, outcome.fields)] : []), ...memberEvents(after, outcome)];
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
