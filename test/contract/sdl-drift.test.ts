import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printIdentitySchema } from '../../src/graphql/build-schema';

const SCHEMA_FILE = join(__dirname, '..', '..', 'schema', 'identity.graphql');

describe('schema/identity.graphql', () => {
  it('is the SDL the subgraph serves (run `npm run schema:print` after changing the schema)', async () => {
    const served = `${await printIdentitySchema()}\n`;
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== served) {
      throw new Error(
        'schema/identity.graphql is out of date: run `npm run schema:print` and commit the result',
      );
    }
  });
});
