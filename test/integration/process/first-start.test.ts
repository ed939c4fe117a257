import { newTokenSecret } from '../../fixtures/test-app';
import { createTestDatabase } from '../../fixtures/test-database';
import { exitCode, freePort, spawnTs, waitForOutput } from '../../fixtures/spawn-node';

// Each start transpiles the service on the fly; on a busy 2-core machine that can take a while.
jest.setTimeout(120_000);

const BANNER_END = /SCIM Base URL:.*\n(?:.*\n)*\n/;
const START_TIMEOUT_MS = 90_000;

async function viewer(port: number, token: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ viewer { organization { slug } } }' }),
  });
  return res.status;
}

describe('the service process', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('prints the URLs and one-time tokens on first start only, serves with them, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const env = {
      DATABASE_URL: database.url,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      PUBLIC_URL: 'https://id.example.com',
    };
    const first = spawnTs('src/main.ts', [], env);
    const output = await waitForOutput(first, BANNER_END, START_TIMEOUT_MS);
    expect(output).toContain('Admin console:    https://id.example.com/admin');
    expect(output).toContain('GraphQL endpoint: https://id.example.com/graphql');
    expect(output).toContain('SCIM Base URL:    https://id.example.com/scim/v2');
    const admin = /Admin token \(identity:admin\): (idt_\S+)/.exec(output)![1];
    expect(output).toMatch(/SCIM token \(scim\): +idt_\S+/);
    expect(await viewer(port, admin)).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    first.kill('SIGTERM');
    expect(await exitCode(first)).toBe(0);

    const second = spawnTs('src/main.ts', [], env);
    const again = await waitForOutput(second, BANNER_END, START_TIMEOUT_MS);
    expect(again).not.toMatch(/idt_/);
    expect(await viewer(port, admin)).toBe(200);
    second.kill('SIGTERM');
    expect(await exitCode(second)).toBe(0);
  });
});

describe('the service process with BOOTSTRAP_ADMIN_TOKEN', () => {
  it('uses the given secret and never prints it', async () => {
    const database = await createTestDatabase();
    const port = await freePort();
    const admin = newTokenSecret();
    const child = spawnTs('src/main.ts', [], {
      DATABASE_URL: database.url,
      PORT: String(port),
      LOG_LEVEL: 'info',
      BOOTSTRAP_ADMIN_TOKEN: admin,
    });
    const output = await waitForOutput(child, BANNER_END, START_TIMEOUT_MS);
    expect(await viewer(port, admin)).toBe(200);
    child.kill('SIGTERM');
    expect(await exitCode(child)).toBe(0);
    expect(output).not.toContain(admin);
    expect(output).toMatch(/SCIM token \(scim\): +idt_/);
    await database.drop();
  });
});
