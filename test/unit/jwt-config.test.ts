import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
};

const issuersFile = (content: unknown): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'issuers-')), 'issuers.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('JWT and JWKS configuration', () => {
  it('keeps JWT_SECRET mode as it was: no JWKS, default claims', () => {
    const sut = loadConfig({ JWT_SECRET: 'x'.repeat(32), JWT_ISSUER: 'not-a-url' }).jwt;
    expect(sut).toMatchObject({ secret: 'x'.repeat(32), issuer: 'not-a-url', jwksUrls: [], issuers: [] });
    expect(sut.claims).toEqual({ subject: 'sub' });
  });

  it('reads JWKS URLs, claim mapping and JWKS limits', () => {
    const sut = loadConfig({
      JWT_JWKS_URL: 'https://a.example/keys, https://b.example/keys',
      JWT_AUDIENCE: 'identity',
      JWT_ORGANIZATION_CLAIM: 'https://example.com/org',
      JWT_SCOPE_CLAIM: 'scp,roles',
      JWT_SCOPE_MAP: 'admin=identity:admin,admin=scim,reader=identity:read',
      JWT_SUBJECT_CLAIM: 'oid',
      JWKS_REFRESH_SECONDS: '600',
      JWKS_MIN_REFETCH_SECONDS: '10',
      JWKS_STALE_SECONDS: '3600',
      JWKS_FETCH_TIMEOUT_MS: '2000',
      JWT_JWKS_ALLOWED_HOSTS: 'Keys.Example:8443',
    }).jwt;
    expect(sut.jwksUrls).toEqual(['https://a.example/keys', 'https://b.example/keys']);
    expect(sut.claims).toMatchObject({
      subject: 'oid',
      organization: 'https://example.com/org',
      scopes: ['scp', 'roles'],
      scopeMap: { admin: ['identity:admin', 'scim'], reader: ['identity:read'] },
    });
    expect(sut.jwks).toMatchObject({
      refreshSeconds: 600,
      minRefetchSeconds: 10,
      staleSeconds: 3600,
      fetchTimeoutMs: 2000,
      allowedHosts: ['keys.example:8443'],
    });
  });

  it('reports every JWT problem at once', () => {
    const problems = problemsOf({
      JWT_PUBLIC_KEY: 'pem',
      JWT_JWKS_URL: 'ftp://keys.example',
      JWT_SCOPE_MAP: 'admin=root',
      JWT_SCOPE_CLAIM: ',',
      JWKS_REFRESH_SECONDS: '0',
      JWKS_MIN_REFETCH_SECONDS: 'soon',
      JWT_ISSUERS_FILE: '/no/such/issuers.json',
    }).join('\n');
    expect(problems).toMatch(/JWT_JWKS_URL must be one or more http/);
    expect(problems).toMatch(/JWT_SCOPE_MAP must map names to scopes/);
    expect(problems).toMatch(/JWT_SCOPE_CLAIM must be/);
    expect(problems).toMatch(/JWKS_REFRESH_SECONDS/);
    expect(problems).toMatch(/JWKS_MIN_REFETCH_SECONDS/);
    expect(problems).toMatch(/JWT_ISSUERS_FILE \/no\/such\/issuers.json cannot be read/);
  });

  it('refuses a static key together with JWKS URLs', () => {
    expect(problemsOf({ JWT_SECRET: 'x'.repeat(32), JWT_JWKS_URL: 'https://k.example/jwks' })).toEqual([
      'Set JWT_JWKS_URL or a static JWT_SECRET / JWT_PUBLIC_KEY, not both',
    ]);
  });

  it('needs a URL as JWT_ISSUER when it is to be discovered', () => {
    expect(problemsOf({ JWT_ISSUER: 'acme', JWT_AUDIENCE: 'identity' })).toEqual([
      'JWT_ISSUER must be an http:// or https:// URL for OIDC discovery (or set a JWKS URL or key)',
    ]);
  });

  it('needs an audience for JWKS issuers, which sign tokens for other applications too', () => {
    expect(problemsOf({ JWT_ISSUER: 'https://acme.okta.com/oauth2/default' })).toEqual([
      'JWT_AUDIENCE is required with JWT_JWKS_URL or OIDC discovery: an identity provider signs tokens for every application it serves',
    ]);
    expect(problemsOf({ JWT_ISSUERS_FILE: issuersFile([{ issuer: 'https://a.example' }]) })).toEqual([
      'JWT_ISSUERS_FILE[0].audience is required: an identity provider signs tokens for every application it serves',
    ]);
    expect(problemsOf({ JWT_SECRET: 'x'.repeat(32), JWT_ISSUER: 'https://a.example' })).toEqual([]);
  });

  it('reads several issuers from JWT_ISSUERS_FILE, each with its own audience and mapping', () => {
    const path = issuersFile([
      { issuer: 'https://acme.okta.com/oauth2/default', audience: 'api://identity' },
      {
        issuer: 'https://login.microsoftonline.com/t/v2.0',
        audience: ['a1', 'a2'],
        jwksUrl: 'https://login.microsoftonline.com/t/discovery/v2.0/keys',
        organization: 'acme',
        scopeClaim: ['roles'],
        scopeMap: { 'Identity.Admin': 'identity:admin', 'Identity.Scim': ['scim', 'identity:read'] },
      },
    ]);
    const sut = loadConfig({ JWT_ISSUERS_FILE: path }).jwt.issuers;
    expect(sut).toEqual([
      {
        issuer: 'https://acme.okta.com/oauth2/default',
        audience: ['api://identity'],
        jwksUrls: [],
        claims: { subject: 'sub' },
      },
      {
        issuer: 'https://login.microsoftonline.com/t/v2.0',
        audience: ['a1', 'a2'],
        jwksUrls: ['https://login.microsoftonline.com/t/discovery/v2.0/keys'],
        claims: {
          subject: 'sub',
          fixedOrganization: 'acme',
          scopes: ['roles'],
          scopeMap: { 'Identity.Admin': ['identity:admin'], 'Identity.Scim': ['scim', 'identity:read'] },
        },
      },
    ]);
  });

  it('reports every problem of an issuers file, naming the entry', () => {
    const path = issuersFile({
      issuers: [
        { issuer: 'https://a.example', scopeMap: { x: 'root' }, audiance: 'typo' },
        { issuer: 'https://a.example' },
        { audience: 'no issuer' },
        { issuer: 'not-a-url' },
      ],
    });
    const problems = problemsOf({ JWT_ISSUERS_FILE: path }).join('\n');
    expect(problems).toMatch(/JWT_ISSUERS_FILE\[0\] has unknown fields: audiance/);
    expect(problems).toMatch(/JWT_ISSUERS_FILE\[0\]\.scopeMap must map names to scopes/);
    expect(problems).toMatch(/JWT_ISSUERS_FILE lists https:\/\/a.example twice/);
    expect(problems).toMatch(/JWT_ISSUERS_FILE\[2\]\.issuer must be/);
    expect(problems).toMatch(/JWT_ISSUERS_FILE\[3\]\.issuer must be an http/);
  });

  it('refuses an issuers file that is not JSON', () => {
    expect(problemsOf({ JWT_ISSUERS_FILE: issuersFile('issuers: [') }).join('\n')).toMatch(
      /cannot be read as JSON/,
    );
  });
});
