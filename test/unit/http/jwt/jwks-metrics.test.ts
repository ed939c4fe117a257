import { Registry } from 'prom-client';
import { registerJwksMetrics } from '../../../../src/http/jwt/jwks-metrics';
import type { JwksSourceStatus } from '../../../../src/http/jwt/jwks-source';

const status = (extra: Partial<JwksSourceStatus>): JwksSourceStatus => ({
  issuer: 'https://idp.example',
  url: 'https://idp.example/jwks',
  keys: 2,
  stale: false,
  fetches: 3,
  failures: 1,
  lastSuccessAt: '2026-01-01T00:00:00.000Z',
  lastFailureAt: undefined,
  lastError: undefined,
  ...extra,
});

describe('JWKS metrics', () => {
  it('shows each JWKS’s keys, staleness, fetches and failures as they are at the scrape', async () => {
    const registry = new Registry();
    let current = [status({})];
    registerJwksMetrics(registry, () => current);
    const labels = '{issuer="https://idp.example",url="https://idp.example/jwks"}';
    expect(await registry.metrics()).toContain(`identity_jwks_keys${labels} 2`);
    current = [status({ keys: 0, stale: true, failures: 4 })];
    const text = await registry.metrics();
    expect(text).toContain(`identity_jwks_keys${labels} 0`);
    expect(text).toContain(`identity_jwks_stale${labels} 1`);
    expect(text).toContain(`identity_jwks_fetch_failures_total${labels} 4`);
    expect(text).toContain(`identity_jwks_last_success_timestamp_seconds${labels} 1767225600`);
  });
});
