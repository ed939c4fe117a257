import { runCli } from '../../../src/cli/run-cli';
import { createTestDatabase } from '../../fixtures/test-database';
import { runTs } from '../../fixtures/spawn-node';

// One case spawns the real process, which transpiles the CLI on the fly: slow on a busy machine.
jest.setTimeout(120_000);

const lastLine = (text: string) => text.trimEnd().split('\n').pop()!;

describe('operator CLI', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  /** The CLI in this process, with the same argument parsing, output and exit codes as the real one. */
  async function cli(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      out: (line) => (stdout += `${line}\n`),
      err: (text) => (stderr += text),
      env: { DATABASE_URL: database.url },
    });
    return { code, stdout, stderr };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('as a process: `token create` prints the secret alone on the last line of stdout', async () => {
    expect((await cli('org', 'create', 'proc')).code).toBe(0);
    const created = await runTs(
      'src/cli/main.ts',
      ['token', 'create', '--org', 'proc', '--name', 'okta', '--scopes', 'scim'],
      {
        DATABASE_URL: database.url,
      },
    );
    expect(created.code).toBe(0);
    expect(lastLine(created.stdout)).toMatch(/^idt_[A-Za-z0-9_-]{40,}$/);
    const failed = await runTs('src/cli/main.ts', ['token', 'list', '--org', 'missing'], {
      DATABASE_URL: database.url,
    });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Organization missing was not found/);
    expect(failed.stdout).toBe('');
  });

  it('creates, lists, rotates and revokes tokens, never listing a secret', async () => {
    expect((await cli('org', 'create', 'acme')).code).toBe(0);
    const created = await cli(
      'token',
      'create',
      '--org',
      'acme',
      '--name',
      'okta',
      '--scopes',
      'scim,identity:read',
      '--expires',
      '90d',
    );
    expect(created.code).toBe(0);
    const secret = lastLine(created.stdout);
    expect(secret).toMatch(/^idt_[A-Za-z0-9_-]{40,}$/);

    const listed = await cli('token', 'list', '--org', 'acme');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('okta');
    expect(listed.stdout).toContain('scim,identity:read');
    expect(listed.stdout).toContain(secret.slice(0, 12));
    expect(listed.stdout).not.toContain(secret);

    const id = listed.stdout.split('\t')[0];
    const rotated = await cli('token', 'rotate', id);
    expect(rotated.code).toBe(0);
    expect(lastLine(rotated.stdout)).toMatch(/^idt_/);
    expect(lastLine(rotated.stdout)).not.toBe(secret);

    const revoked = await cli('token', 'revoke', id);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/revoked=/);
  });

  it('`token create --platform` issues a token bound to no organization, listed and revoked with --platform', async () => {
    const created = await cli(
      'token',
      'create',
      '--platform',
      '--name',
      'embedding-platform',
      '--expires',
      '30d',
    );
    expect(created.code).toBe(0);
    const secret = lastLine(created.stdout);
    expect(secret).toMatch(/^idt_[A-Za-z0-9_-]{40,}$/);
    const listed = await cli('token', 'list', '--platform');
    expect(listed.stdout).toContain('embedding-platform\tplatform:admin');
    expect(listed.stdout).not.toContain(secret);
    // Organization token lists never show it.
    expect((await cli('token', 'list', '--org', 'acme')).stdout).not.toContain('embedding-platform');
    const id = listed.stdout.split('\t')[0];
    expect((await cli('token', 'revoke', id)).stdout).toMatch(/revoked=/);
  });

  it('creates a connection (Base URL, then the secret alone on the last line), lists, rotates with overlap and pauses it', async () => {
    expect((await cli('org', 'create', 'conn-org')).code).toBe(0);
    const created = await cli(
      'connection',
      'create',
      '--org',
      'conn-org',
      '--name',
      'Okta prod',
      '--kind',
      'okta-scim11',
      '--expires',
      '365d',
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Base URL: http://localhost:4000/scim/v1');
    const secret = lastLine(created.stdout);
    expect(secret).toMatch(/^idt_[A-Za-z0-9_-]{40,}$/);
    const listed = await cli('connection', 'list', '--org', 'conn-org');
    expect(listed.stdout).toMatch(/Okta prod\tOKTA_SCIM11\tACTIVE\t/);
    expect(listed.stdout).not.toContain(secret);
    const id = listed.stdout.split('\t')[0];
    const rotated = await cli('connection', 'rotate', id, '--overlap', '30');
    expect(rotated.code).toBe(0);
    expect(lastLine(rotated.stdout)).toMatch(/^idt_/);
    expect(lastLine(rotated.stdout)).not.toBe(secret);
    expect((await cli('connection', 'pause', id)).stdout).toMatch(/\tPAUSED\t/);
    expect((await cli('connection', 'resume', id)).stdout).toMatch(/\tACTIVE\t/);
    const link = await cli('connection', 'setup-link', id, '--hours', '2');
    expect(link.code).toBe(0);
    expect(lastLine(link.stdout)).toMatch(/^http:\/\/localhost:4000\/admin\/setup\/isl_[A-Za-z0-9_-]{43,}$/);
    expect(link.stdout).toMatch(/^Setup link \S+, expires \S+Z$/m);
    const hoursOf = (stdout: string) => {
      const expires = Date.parse(/expires (\S+)/.exec(stdout)![1]);
      return Math.round((expires - Date.now()) / 3_600_000);
    };
    expect(hoursOf(link.stdout)).toBe(2);
    expect(hoursOf((await cli('connection', 'setup-link', id)).stdout)).toBe(72);
    const tooLong = await cli('connection', 'setup-link', id, '--hours', '721');
    expect(tooLong.code).not.toBe(0);
    expect(tooLong.stderr).toMatch(/expiresInHours must be 1 to 720/);
  });

  it.each([
    [['connection', 'create', '--org', 'acme', '--name', 'x', '--kind', 'okta-scim3'], /Unknown kind/],
    [['connection', 'rotate', '01890000-0000-7000-8000-000000000000'], /not found/],
    [['connection', 'setup-link', '01890000-0000-7000-8000-000000000000'], /not found/],
    [
      ['connection', 'setup-link', '01890000-0000-7000-8000-000000000000', '--hours', 'soon'],
      /--hours must be a number of hours/,
    ],
    [['org', 'create', 'Not A Slug'], /slug/],
    [
      ['token', 'create', '--org', 'acme', '--name', 'x', '--scopes', 'platform:admin'],
      /platform:admin is held only by platform tokens/,
    ],
    [
      ['token', 'create', '--org', 'missing', '--name', 'x', '--scopes', 'scim'],
      /Organization missing was not found/,
    ],
    [['token', 'create', '--org', 'acme', '--name', 'x', '--scopes', 'root'], /Unknown scope root/],
    [['token', 'create', '--org', 'acme', '--name', 'x'], /--scopes is required/],
    [['token', 'rotate', '01890000-0000-7000-8000-000000000000'], /not found/],
    [['frobnicate'], /Unknown command/],
  ])('reports %j on stderr with a non-zero exit', async (args, message) => {
    const result = await cli(...args);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});
