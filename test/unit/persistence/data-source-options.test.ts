import { dataSourceOptions } from '../../../ormconfig';
import { MIGRATIONS } from '../../../migrations';
import { ENTITIES } from '../../../src/persistence/entities';

describe('dataSourceOptions', () => {
  it('defaults to the SQLite file ./data/identity.sqlite', () => {
    expect(dataSourceOptions(undefined)).toMatchObject({
      type: 'better-sqlite3',
      database: './data/identity.sqlite',
    });
    expect(dataSourceOptions('')).toMatchObject({
      type: 'better-sqlite3',
      database: './data/identity.sqlite',
    });
  });

  it.each([
    ['sqlite:/tmp/identity.db', '/tmp/identity.db'],
    ['sqlite:relative/identity.db', 'relative/identity.db'],
    ['sqlite:///var/lib/identity.db', '/var/lib/identity.db'],
    ['sqlite::memory:', ':memory:'],
  ])('reads %s as the SQLite database %s', (url, database) => {
    expect(dataSourceOptions(url)).toMatchObject({ type: 'better-sqlite3', database });
  });

  it('reads busyTimeout from a SQLite URL as the lock wait, 5000 ms when absent', () => {
    expect(dataSourceOptions('sqlite:/tmp/identity.db?busyTimeout=750')).toMatchObject({
      database: '/tmp/identity.db',
      timeout: 750,
    });
    expect(dataSourceOptions('sqlite::memory:?busyTimeout=0')).toMatchObject({
      database: ':memory:',
      timeout: 0,
    });
    expect(dataSourceOptions('sqlite:/tmp/identity.db')).toMatchObject({ timeout: 5000 });
  });

  it('reads a MySQL URL into pool options with UTC, utf8mb4 and fail-fast timeouts', () => {
    expect(dataSourceOptions('mysql://app:p%40ss@db.internal:3307/identity?poolSize=20')).toMatchObject({
      type: 'mysql',
      host: 'db.internal',
      port: 3307,
      username: 'app',
      password: 'p@ss',
      database: 'identity',
      poolSize: 20,
      timezone: 'Z',
      charset: 'utf8mb4_bin',
      connectTimeout: 5000,
      enableQueryTimeout: true,
    });
    expect(dataSourceOptions('mariadb://root@127.0.0.1/identity')).toMatchObject({
      type: 'mariadb',
      port: 3306,
    });
  });

  it('always runs migrations, never synchronizes, and lists entities and migrations explicitly', () => {
    for (const url of [undefined, 'mysql://root@localhost/identity']) {
      expect(dataSourceOptions(url)).toMatchObject({
        migrationsRun: true,
        synchronize: false,
        entities: ENTITIES,
        migrations: MIGRATIONS,
      });
    }
  });

  it.each([
    'postgres://localhost/identity',
    'mysql://localhost/',
    'mysql://localhost/db?poolSize=0',
    'sqlite:',
    'sqlite:?busyTimeout=10',
    'sqlite:/tmp/identity.db?busyTimeout=-1',
    'sqlite:/tmp/identity.db?busyTimeout=soon',
  ])('rejects %s without echoing secrets', (url) => {
    expect(() => dataSourceOptions(url)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field: 'DATABASE_URL' } }),
    );
  });
});
