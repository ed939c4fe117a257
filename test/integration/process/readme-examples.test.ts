import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase } from '../../fixtures/test-database';
import type { TestDatabase } from '../../fixtures/test-database';
import { exitCode, freePort, PROJECT_ROOT, spawnTs, waitForOutput } from '../../fixtures/spawn-node';

// One service start and six `npm run cli` processes (each checks the build and the migrations).
jest.setTimeout(240_000);

const MARKER = '<!-- readme-example';

/** The shell blocks of README.md marked `<!-- readme-example -->`, in document order. */
function readmeExamples(): string[] {
  const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const blocks: string[] = [];
  let at = readme.indexOf(MARKER);
  while (at >= 0) {
    const match = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
    if (!match) throw new Error('a readme-example marker without a ```sh block after it');
    blocks.push(match[1]!);
    at = readme.indexOf(MARKER, at + MARKER.length);
  }
  return blocks;
}

function bash(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

/**
 * The README's examples, run in order as an operator would paste them, against a live instance on a
 * fresh database: only the printed tokens and the address are filled in. No example may fail, and
 * none may answer an error (the SCIM example once answered 409 after the GraphQL one).
 */
describe('README examples', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('run in order against a live instance without an error', async () => {
    const examples = readmeExamples();
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const port = await freePort();
    const service = spawnTs('src/main.ts', [], { DATABASE_URL: database.url, PORT: String(port) });
    try {
      const banner = await waitForOutput(service, /These tokens are shown once.*\n/, 60_000);
      const admin = /Admin token \(identity:admin\): (idt_\S+)/.exec(banner)![1]!;
      const scim = /SCIM token \(scim\): +(idt_\S+)/.exec(banner)![1]!;
      const outputs: string[] = [];
      for (const example of examples) {
        const script = example
          .replaceAll('http://localhost:4000', `http://127.0.0.1:${port}`)
          .replace(/^TOKEN=idt_…/m, `TOKEN=${admin}`)
          .replace(/^SCIM=idt_…/m, `SCIM=${scim}`);
        expect(script).not.toContain('idt_…');
        const { code, output } = await bash(script, { DATABASE_URL: database.url });
        expect({ code, output }).toEqual({ code: 0, output: expect.any(String) });
        outputs.push(output);
      }
      const all = outputs.join('\n');
      expect(all).not.toMatch(/"errors"\s*:/); // GraphQL
      expect(all).not.toMatch(/"status"\s*:\s*"[45]\d\d"/); // SCIM Error bodies
      expect(all).not.toMatch(/^error:/m); // the CLI
      expect(all).toContain('"userName":"bjensen@example.com"');
      expect(all).toMatch(/"totalResults":1\b/);
      expect(all).toMatch(/revoked=/);
    } finally {
      service.kill('SIGTERM');
      await exitCode(service);
    }
  });
});
