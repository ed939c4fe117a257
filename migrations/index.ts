import { readdirSync } from 'node:fs';
import type { MigrationInterface } from 'typeorm';

type MigrationClass = new () => MigrationInterface;

/** `<timestamp>-<name>.ts` here, `.js` once compiled to dist/ (never the index, maps or typings). */
const MIGRATION_FILE = /^\d{13}-[\w-]+\.(ts|js)$/;

/**
 * Every migration, in timestamp order: each file of this folder whose name starts with its
 * timestamp. Read from the folder (as TypeORM's glob would, but under ts and in dist/ alike) so
 * that adding a migration is adding its file, with no list to keep in step.
 */
export const MIGRATIONS: MigrationClass[] = readdirSync(__dirname)
  .filter((file) => MIGRATION_FILE.test(file) && !file.endsWith('.d.ts'))
  .sort()
  .flatMap((file) =>
    // A synchronous load: the DataSource options are built synchronously from this list.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Object.values(require(`./${file}`) as Record<string, unknown>).filter(
      (value): value is MigrationClass => typeof value === 'function',
    ),
  );
