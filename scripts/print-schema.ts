/**
 * Writes the subgraph SDL (what `_service { sdl }` serves) to schema/identity.graphql.
 * With `--check`, writes nothing and exits 1 when the committed file differs (CI's drift check).
 */
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printIdentitySchema } from '../src/graphql/build-schema';

const SCHEMA_FILE = join(__dirname, '..', 'schema', 'identity.graphql');

async function main(): Promise<number> {
  const sdl = `${await printIdentitySchema()}\n`;
  if (!process.argv.includes('--check')) {
    writeFileSync(SCHEMA_FILE, sdl);
    console.log(`Wrote ${SCHEMA_FILE} (${sdl.split('\n').length - 1} lines)`);
    return 0;
  }
  const committed = existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, 'utf8') : '';
  if (committed === sdl) {
    console.log('schema/identity.graphql is up to date');
    return 0;
  }
  console.error(
    'schema/identity.graphql differs from the schema the code serves: run `npm run schema:print` and commit it',
  );
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
