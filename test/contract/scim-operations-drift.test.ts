import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

describe('src/scim/operations generated code', () => {
  it('is what schema/identity.graphql and the documents give (run `npm run codegen` after changing either)', () => {
    // A child process: graphql-codegen loads ES modules that Jest's CommonJS runtime cannot on Node 20.
    const run = () =>
      execFileSync(process.execPath, ['-r', '@swc-node/register', 'scripts/codegen.ts', '--check'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    expect(run).not.toThrow();
  });
});
