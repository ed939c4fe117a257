import type { AuditEventRecord } from '../../../src/domain/audit/audit-event';
import { recordAudit } from '../../../src/domain/audit/audit-trail';
import type { RequestContext } from '../../../src/domain/auth/request-context';
import { ExtensionAttributeService } from '../../../src/domain/extensions/extension-attribute.service';
import type { Store } from '../../../src/domain/store';

/** A clock the test moves by hand. */
function manualClock(start: string) {
  let now = new Date(start).getTime();
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

/** The millisecond timestamp a UUIDv7 carries in its first 48 bits. */
const uuidTime = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('the injected clock is the only clock domain services read', () => {
  it('expires the extension definitions cache by the injected clock', async () => {
    const list = jest.fn(async () => []);
    const store = { repositories: { extensionAttributes: { list } } } as unknown as Store;
    const time = manualClock('2001-02-03T04:05:06Z');
    const sut = new ExtensionAttributeService(store, time.clock);

    await sut.definitionsOf('org');
    await sut.definitionsOf('org');
    expect(list).toHaveBeenCalledTimes(1);
    time.advance(60_000);
    await sut.definitionsOf('org');
    expect(list).toHaveBeenCalledTimes(2);
  });

  it('dates an audit event and its time-ordered id by the injected clock', async () => {
    const inserted: AuditEventRecord[] = [];
    const audit = {
      insert: async (event: AuditEventRecord) => void inserted.push(event),
      findPage: jest.fn(),
    };
    const time = manualClock('2001-02-03T04:05:06Z');
    const ctx = {
      principal: { organizationId: 'org', subject: 'token:1' },
      channel: 'GRAPHQL',
      requestId: 'r1',
    } as unknown as RequestContext;

    await recordAudit(audit, ctx, time.clock, { action: 'user.create', targetType: 'User', targetId: 'u1' });

    expect(inserted[0].occurredAt).toEqual(time.clock());
    expect(uuidTime(inserted[0].id)).toBe(time.clock().getTime());
  });
});
