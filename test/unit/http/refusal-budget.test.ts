import { RefusalBudget } from '../../../src/http/refusal-budget';

describe('RefusalBudget', () => {
  let now = 0;
  const budget = (perSecond: number) => new RefusalBudget(perSecond, () => now);
  beforeEach(() => (now = 1_000));

  it("allows a burst of one second's worth at once, then the rate", () => {
    const sut = budget(10);
    for (let i = 0; i < 10; i++) expect(sut.take()).toBe(true);
    expect(sut.take()).toBe(false);
    expect(sut.msUntilNext()).toBe(100);
    now += 99;
    expect(sut.available()).toBe(false);
    now += 1;
    expect(sut.take()).toBe(true);
    expect(sut.take()).toBe(false);
  });

  it("saves up no more than one second's worth", () => {
    const sut = budget(4);
    now += 60_000;
    for (let i = 0; i < 4; i++) expect(sut.take()).toBe(true);
    expect(sut.take()).toBe(false);
  });

  it('waits at least a millisecond between refusals at high rates (timers are whole ms)', () => {
    const sut = budget(100_000);
    while (sut.take());
    expect(sut.msUntilNext()).toBe(1);
  });
});
