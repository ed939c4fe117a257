import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './src/persistence/data-source-options';

export { dataSourceOptions };

/** The DataSource the TypeORM CLI uses (`typeorm migration:run -d dist/ormconfig.js`). */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL));
