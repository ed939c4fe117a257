import type { AuditEventRecord } from '../../../../src/domain/audit/audit-event';
import type { EmittedEvent } from '../../../../src/domain/events/change-event';
import type { RehearsedChange } from '../../../../src/domain/connections/rehearsed-change';
import { keptChanges, rehearsedChanges } from '../../../../src/domain/connections/rehearsed-change';

const at = new Date('2026-05-04T09:00:00Z');
const record = (over: Partial<AuditEventRecord>, event?: EmittedEvent): AuditEventRecord => ({
  id: 'a1',
  organizationId: 'o1',
  actor: 'token:t1',
  channel: 'scim',
  action: 'user.update',
  targetType: 'User',
  targetId: 'u1',
  changes: {},
  notes: [],
  requestId: 'r1',
  occurredAt: at,
  event: event ?? null,
  ...over,
});
const user = {
  id: 'u1',
  organizationId: 'o1',
  userName: 'ada@example.com',
  active: true,
  name: { givenName: 'Ada', familyName: null },
  emails: [],
  hasPassword: true,
  version: 2,
  createdAt: at,
  updatedAt: at,
};

describe('rehearsedChanges', () => {
  it.each([
    {
      name: 'a create lists what it set, without bookkeeping or empty values',
      input: record({ action: 'user.create' }, { type: 'user.created', version: 1, data: { user } }),
      expected: {
        resourceType: 'User',
        resourceId: 'u1',
        action: 'user.created',
        changedAttributes: ['userName', 'active', 'name', 'hasPassword'],
        before: null,
        after: { userName: 'ada@example.com', active: true, name: { givenName: 'Ada' }, hasPassword: true },
      },
    },
    {
      name: 'an update shows only the changed attributes before and after; password is named, never valued',
      input: record(
        {},
        {
          type: 'user.deactivated',
          version: 3,
          data: {
            user: { ...user, active: false },
            changedAttributes: ['active', 'password'],
            previous: { active: true },
          },
        },
      ),
      expected: {
        resourceType: 'User',
        resourceId: 'u1',
        action: 'user.deactivated',
        changedAttributes: ['active', 'password'],
        before: { active: true },
        after: { active: false },
      },
    },
    {
      name: 'member removals carry the removed ids before',
      input: record(
        { action: 'group.modify', targetType: 'Group', targetId: 'g1' },
        { type: 'group.members_removed', version: 4, data: { group: { id: 'g1' }, memberIds: ['u1', 'u2'] } },
      ),
      expected: {
        resourceType: 'Group',
        resourceId: 'g1',
        action: 'group.members_removed',
        changedAttributes: ['members'],
        before: { members: ['u1', 'u2'] },
        after: null,
      },
    },
    {
      name: 'an audit-only change shows its summary, secret-looking values redacted',
      input: record({
        action: 'connection.rotate',
        targetType: 'Connection',
        targetId: 'c1',
        changes: { name: 'Okta prod', secret: 'idt_should-never-appear' },
      }),
      expected: {
        resourceType: 'Connection',
        resourceId: 'c1',
        action: 'connection.rotate',
        changedAttributes: ['name', 'secret'],
        before: null,
        after: { name: 'Okta prod', secret: '[redacted]' },
      },
    },
  ])('$name', ({ input, expected }) => {
    expect(rehearsedChanges([input])).toEqual([expected]);
  });

  it('never carries a password value, even one a payload should not have held', () => {
    const leaked = record(
      { action: 'user.create' },
      { type: 'user.created', version: 1, data: { user: { ...user, password: 'Hunter2-Secret!' } } },
    );
    expect(JSON.stringify(rehearsedChanges([leaked]))).not.toContain('Hunter2');
  });
});

describe('keptChanges', () => {
  const change = (i: number): RehearsedChange => ({
    resourceType: 'User',
    resourceId: `u${i}`,
    action: 'user.created',
    changedAttributes: ['userName'],
    before: null,
    after: { userName: `${'x'.repeat(200)}${i}@example.com` },
  });

  it('keeps everything that fits', () => {
    const changes = [change(1), change(2)];
    expect(keptChanges(changes, 16_384)).toEqual({ items: changes, omitted: 0 });
  });

  it('stays within the bound on a large Bulk: values first, then whole changes, and counts the rest', () => {
    const changes = Array.from({ length: 1000 }, (_, i) => change(i));
    const kept = keptChanges(changes, 16_384);

    expect(Buffer.byteLength(JSON.stringify(kept), 'utf8')).toBeLessThanOrEqual(16_384);
    expect(kept.items[0]).toEqual(changes[0]);
    expect(kept.items.at(-1)).toMatchObject({ resourceId: `u${kept.items.length - 1}`, after: null });
    expect(kept.items.length + kept.omitted).toBe(1000);
    expect(kept.omitted).toBeGreaterThan(0);
  });
});
