import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './src/persistence/data-source-options';

export { dataSourceOptions };

/**
 * The DataSource the TypeORM CLI uses, e.g. `npx typeorm migration:show -d dist/ormconfig.js` after
 * `npm run build` (DATABASE_URL as for the service). It logs to the console, unlike the service's.
 */
export default new DataSource({
  ...dataSourceOptions(process.env.DATABASE_URL),
  logger: 'advanced-console',
  logging: ['error', 'warn', 'migration', 'schema'],
});
