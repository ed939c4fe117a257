import { ConfigError, loadConfig } from '../../../src/config';

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('limit settings', () => {
  it('defaults: 6000 requests a minute per credential, 100 failed authentications a minute per address, 60 s requests, depth 20, 30 aliases, cost 200,000, memory store', () => {
    expect(loadConfig({}).limits).toEqual({
      ratePerMinute: 6000,
      authFailuresPerMinute: 100,
      redisUrl: undefined,
      requestTimeoutMs: 60_000,
      dbQueryTimeoutMs: undefined,
      graphql: { maxDepth: 20, maxAliases: 30, maxCost: 200_000 },
    });
  });

  it('reads every limit variable', () => {
    const config = loadConfig({
      RATE_LIMIT_PER_MINUTE: '0',
      AUTH_FAILURE_LIMIT_PER_MINUTE: '5',
      REDIS_URL: 'redis://127.0.0.1:6379/2',
      REQUEST_TIMEOUT_MS: '1500',
      DB_QUERY_TIMEOUT_MS: '2500',
      GRAPHQL_MAX_DEPTH: '8',
      GRAPHQL_MAX_ALIASES: '0',
      GRAPHQL_MAX_COST: '1000',
    });
    expect(config.limits).toEqual({
      ratePerMinute: 0,
      authFailuresPerMinute: 5,
      redisUrl: 'redis://127.0.0.1:6379/2',
      requestTimeoutMs: 1500,
      dbQueryTimeoutMs: 2500,
      graphql: { maxDepth: 8, maxAliases: 0, maxCost: 1000 },
    });
  });

  it('applies DB_QUERY_TIMEOUT_MS to a MySQL URL as its queryTimeout, and leaves SQLite alone', () => {
    const mysql = loadConfig({
      DATABASE_URL: 'mysql://u:p@db:3306/identity?poolSize=5',
      DB_QUERY_TIMEOUT_MS: '2500',
    });
    const url = new URL(mysql.databaseUrl!);
    expect(url.searchParams.get('queryTimeout')).toBe('2500');
    expect(url.searchParams.get('poolSize')).toBe('5');
    const overridden = loadConfig({
      DATABASE_URL: 'mysql://u@db/identity?queryTimeout=9',
      DB_QUERY_TIMEOUT_MS: '100',
    });
    expect(new URL(overridden.databaseUrl!).searchParams.get('queryTimeout')).toBe('100');
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite', DB_QUERY_TIMEOUT_MS: '100' }).databaseUrl).toBe(
      'sqlite:/tmp/x.sqlite',
    );
    expect(loadConfig({ DATABASE_URL: 'mysql://u@db/identity' }).databaseUrl).toBe('mysql://u@db/identity');
  });

  it('reports every invalid limit at once', () => {
    expect(
      problemsOf({
        RATE_LIMIT_PER_MINUTE: '-1',
        AUTH_FAILURE_LIMIT_PER_MINUTE: 'many',
        REDIS_URL: 'http://cache:6379',
        REQUEST_TIMEOUT_MS: '1.5',
        DB_QUERY_TIMEOUT_MS: 'soon',
        GRAPHQL_MAX_DEPTH: '0',
        GRAPHQL_MAX_COST: '0',
      }),
    ).toEqual([
      expect.stringMatching(/^DB_QUERY_TIMEOUT_MS must be an integer/),
      expect.stringMatching(/^RATE_LIMIT_PER_MINUTE must be an integer/),
      expect.stringMatching(/^AUTH_FAILURE_LIMIT_PER_MINUTE must be an integer/),
      expect.stringMatching(/^REDIS_URL must be a URL starting with redis:\/\/ or rediss:\/\//),
      expect.stringMatching(/^REQUEST_TIMEOUT_MS must be an integer/),
      expect.stringMatching(/^GRAPHQL_MAX_DEPTH must be an integer/),
      expect.stringMatching(/^GRAPHQL_MAX_COST must be an integer/),
    ]);
  });
});
