import { runTs } from '../fixtures/spawn-node';

describe('HEAP_GROWTH_PERCENT', () => {
  it('set at start-up, bounds the promoted garbage the old generation holds before a major collection', async () => {
    // The child keeps about 30 MB alive and churns objects that live long enough to be promoted.
    // With V8's own policy on this machine the old space reached 210–230 MB; 1.5× the live heap
    // keeps it near 85 MB. Proves the flag takes effect after the isolate started.
    const result = await runTs('test/fixtures/old-generation-churn.ts', ['50'], {});
    expect(result.code).toBe(0);
    const { largestOldMb } = JSON.parse(result.stdout) as { largestOldMb: number };
    expect(largestOldMb).toBeLessThan(140);
  }, 60_000);
});
