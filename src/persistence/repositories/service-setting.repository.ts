import type { ServiceSettingRepository } from '../../domain/webhooks/secret-box';
import type { Sql } from '../sql';

/** Service-wide values that must be the same on every instance (the generated webhook secret key). */
export class SqlServiceSettingRepository implements ServiceSettingRepository {
  constructor(private readonly db: Sql) {}

  /** The first instance to start stores its value; every instance reads back the stored one. */
  async findOrCreate(name: string, create: () => string): Promise<string> {
    const table = this.db.dialect.quote('service_settings');
    await this.db.run(`${this.db.dialect.insertIgnore} ${table} (name, value) VALUES (?, ?)`, [
      name,
      create(),
    ]);
    const rows = await this.db.rows<{ value: string }>(`SELECT value FROM ${table} WHERE name = ?`, [name]);
    return rows[0].value;
  }
}
