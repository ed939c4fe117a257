import { ConnectionHealthService } from '../../../../src/domain/connections/connection-health.service';
import type { HealthDelta } from '../../../../src/domain/connections/connection-health';
import type { Store } from '../../../../src/domain/store';

/** A store whose counter writes fail while `down` is set, and that remembers what it applied. */
function fakeStore() {
  const applied: HealthDelta[] = [];
  const state = { down: false };
  const connectionHealth = {
    apply: async (deltas: readonly HealthDelta[]) => {
      applied.push(...deltas.map((d) => structuredClone(d)));
    },
    read: async () => new Map(),
    prune: async () => undefined,
    deleteOf: async () => undefined,
  };
  const store = {
    repositories: { connectionHealth },
    transaction: async (work: (tx: unknown) => Promise<unknown>) => {
      if (state.down) throw new Error('database unavailable');
      return work({ connectionHealth });
    },
  } as unknown as Store;
  return { store, applied, state };
}

const at = new Date('2026-01-01T10:30:00Z');
const outcome = (status: number) => ({ organizationId: 'org', connectionId: 'c1', at, status });

describe('ConnectionHealthService', () => {
  it('writes nothing per request, and one delta per connection per flush', async () => {
    const { store, applied } = fakeStore();
    const sut = new ConnectionHealthService(store, () => at);
    for (let i = 0; i < 100; i++) sut.record(outcome(200));
    expect(applied).toEqual([]);
    await sut.flush();
    expect(applied).toHaveLength(1);
    expect(applied[0].counts).toEqual({ ok: 100, clientError: 0, serverError: 0 });
    await sut.flush();
    expect(applied).toHaveLength(1);
  });

  it('keeps the counts of a failed flush and writes them, with later ones, at the next', async () => {
    const { store, applied, state } = fakeStore();
    const sut = new ConnectionHealthService(store, () => at);
    sut.record(outcome(200));
    sut.record(outcome(500));
    state.down = true;
    await expect(sut.flush()).rejects.toThrow('database unavailable');
    sut.record(outcome(404));
    state.down = false;
    await sut.flush();
    expect(applied).toHaveLength(1);
    expect(applied[0].counts).toEqual({ ok: 1, clientError: 1, serverError: 1 });
    expect(applied[0].lastError).toEqual({ status: 404, detail: '' });
  });
});
