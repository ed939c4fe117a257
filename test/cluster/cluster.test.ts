import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import type { ClusterState } from './support/cluster';
import {
  WORK_DIR,
  balancerStatus,
  galera,
  galeraPid,
  instanceUrl,
  isReady,
  kill,
  readState,
  sqlOn,
  waitUntil,
} from './support/cluster';
import type { Answer } from './support/scim-client';
import { PATCH_OP, SCIM_USER, call, callRetrying, graphql, median, pool } from './support/scim-client';

const SEEDED = 20_000;
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** Twenty different single-valued attributes, one PATCH each. */
const PATCHED: [string, string][] = [
  ['displayName', 'Ada L.'],
  ['nickName', 'ada'],
  ['title', 'Engineer'],
  ['userType', 'Employee'],
  ['preferredLanguage', 'en'],
  ['locale', 'en-GB'],
  ['timezone', 'Europe/London'],
  ['profileUrl', 'https://example.com/ada'],
  ['name.givenName', 'Ada'],
  ['name.familyName', 'Lovelace'],
  ['name.middleName', 'King'],
  ['name.honorificPrefix', 'Ms'],
  ['name.honorificSuffix', 'FRS'],
  ['name.formatted', 'Ada King Lovelace'],
  [`${ENTERPRISE}:employeeNumber`, '1815'],
  [`${ENTERPRISE}:costCenter`, 'CC-7'],
  [`${ENTERPRISE}:organization`, 'Analytical'],
  [`${ENTERPRISE}:division`, 'Engines'],
  [`${ENTERPRISE}:department`, 'Notes'],
  ['externalId', 'ada-1815'],
];
const figures: Record<string, unknown> = {};

describe('3 instances × 3 Galera nodes behind HAProxy round-robin, shared state in Redis', () => {
  let state: ClusterState;
  let balancer: string;
  let token: string;
  const nodes: Connection[] = [];
  const statuses: number[] = [];
  const scim = (path: string, options: { method?: string; body?: unknown } = {}) =>
    call(`${balancer}/scim/v2${path}`, token, options).then(record);
  const record = <T extends Answer>(answer: T): T => {
    statuses.push(answer.status);
    return answer;
  };
  const newUser = (userName: string) => ({
    schemas: [SCIM_USER],
    userName,
    active: true,
    emails: [{ value: userName, type: 'work', primary: true }],
  });

  beforeAll(async () => {
    state = readState();
    balancer = state.balancerUrl;
    token = state.scimToken;
    for (const node of [1, 2, 3]) nodes.push(await sqlOn(node));
  });
  afterAll(async () => {
    for (const connection of nodes) await connection.end().catch(() => undefined);
    writeFileSync(join(WORK_DIR, 'figures.json'), JSON.stringify(figures, null, 2));
    // Never a 500, whatever was killed: failures are 503 (retried) or protocol errors.
    expect(statuses.filter((status) => status === 500)).toEqual([]);
  });

  it('answers 50 concurrent creates of one userName with exactly one 201 and 49 × 409', async () => {
    const userName = `race-${Date.now()}@example.com`;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        callRetrying(`${balancer}/scim/v2/Users`, token, { method: 'POST', body: newUser(userName) }).then(
          record,
        ),
      ),
    );
    const count = (status: number) => answers.filter((answer) => answer.status === status).length;
    figures.sameUserNameCreates = {
      created: count(201),
      conflicts: count(409),
      retried503: answers.filter((a) => a.tries > 1).length,
    };
    expect([count(201), count(409)]).toEqual([1, 49]);
    expect(
      answers.filter((answer) => answer.status === 409).every((a) => a.body.scimType === 'uniqueness'),
    ).toBe(true);
  });

  it('applies all of 20 concurrent PATCHes of different attributes of one user, sent through different instances', async () => {
    const created = await scim('/Users', {
      method: 'POST',
      body: newUser(`patched-${Date.now()}@example.com`),
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const answers = await Promise.all(
      PATCHED.map(([path, value], i) =>
        callRetrying(`${instanceUrl((i % 3) + 1)}/scim/v2/Users/${id}`, token, {
          method: 'PATCH',
          body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path, value }] },
        }).then(record),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    for (const node of [1, 2, 3]) {
      const user = (await call(`${instanceUrl(node)}/scim/v2/Users/${id}`, token)).body;
      const read = (path: string): unknown => {
        const enterprise = path.startsWith(ENTERPRISE) ? (user[ENTERPRISE] as Record<string, unknown>) : user;
        return path
          .replace(`${ENTERPRISE}:`, '')
          .split('.')
          .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], enterprise);
      };
      expect(PATCHED.filter(([path, value]) => read(path) !== value)).toEqual([]);
    }
  });

  it('refuses a token revoked through one instance on every instance within 1 s', async () => {
    const issued = await graphql(
      instanceUrl(1),
      state.adminToken,
      'mutation ($input: ApiTokenInput!) { createApiToken(input: $input) { secret token { id } } }',
      { input: { name: `revoked-${Date.now()}`, scopes: ['scim'] } },
    );
    const { secret, token: issuedToken } = (
      issued.body.data as { createApiToken: { secret: string; token: { id: string } } }
    ).createApiToken;
    for (const instance of [1, 2, 3])
      await waitUntil(
        `token known on instance ${instance}`,
        async () => (await call(`${instanceUrl(instance)}/scim/v2/Users?count=1`, secret)).status === 200,
      );
    const revoked = await graphql(
      instanceUrl(1),
      state.adminToken,
      'mutation ($id: ID!) { revokeApiToken(id: $id) { id } }',
      {
        id: issuedToken.id,
      },
    );
    expect(revoked.status).toBe(200);
    const revokedAt = Date.now();
    const refusedAfterMs: number[] = [];
    for (const instance of [2, 3, 1]) {
      while ((await call(`${instanceUrl(instance)}/scim/v2/Users?count=1`, secret)).status !== 401) {
        if (Date.now() - revokedAt > 5_000) break;
      }
      refusedAfterMs.push(Date.now() - revokedAt);
    }
    figures.revokedTokenRefusedAfterMs = refusedAfterMs;
    expect(Math.max(...refusedAfterMs)).toBeLessThanOrEqual(1_000);
  });

  it(`walks an import of ${SEEDED} users page by page through the balancer during creates and deletes: each surviving user once, flat page cost`, async () => {
    const seededIds = await seedUsers(nodes[0], SEEDED);
    const deleted = new Set<string>();
    let walking = true;
    const writer = (async () => {
      for (let i = 0; walking; i++) {
        await callRetrying(`${balancer}/scim/v2/Users`, token, {
          method: 'POST',
          body: newUser(`during-${i}-${Date.now()}@example.com`),
        }).then(record);
        const victim = seededIds[Math.floor(Math.random() * seededIds.length)];
        if (deleted.has(victim)) continue;
        deleted.add(victim);
        const answer = await callRetrying(`${balancer}/scim/v2/Users/${victim}`, token, {
          method: 'DELETE',
        }).then(record);
        expect([204, 404]).toContain(answer.status);
      }
    })();
    const seen = new Map<string, number>();
    const started = Date.now();
    let startIndex = 1;
    let lastStart = 1;
    for (;;) {
      const page = await callRetrying(
        `${balancer}/scim/v2/Users?startIndex=${startIndex}&count=100`,
        token,
      ).then(record);
      expect(page.status).toBe(200);
      const resources = page.body.Resources as { id: string }[];
      for (const user of resources) seen.set(user.id, (seen.get(user.id) ?? 0) + 1);
      if (resources.length < 100) break;
      lastStart = startIndex;
      startIndex += 100;
    }
    walking = false;
    await writer;
    const walkMs = Date.now() - started;
    const survivors = seededIds.filter((id) => !deleted.has(id));
    const wrong = survivors.filter((id) => seen.get(id) !== 1);
    expect(wrong).toEqual([]);
    // Page cost: rows the nodes read for one page (InnoDB handler reads), the first page against the
    // last one of the walk (which continues from the cursor in Redis), median of 10 each, quiet cluster.
    const first = await pageCost(1);
    const last = await pageCost(lastStart);
    figures.importWalk = {
      users: SEEDED,
      pages: Math.ceil(startIndex / 100),
      deletedDuringWalk: deleted.size,
      walkMs,
      firstPage: first,
      lastPage: last,
    };
    expect(last.rowsRead).toBeLessThanOrEqual(1.5 * first.rowsRead);
  });

  async function pageCost(startIndex: number): Promise<{ rowsRead: number; ms: number }> {
    const rows: number[] = [];
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = await handlerReads();
      const started = Date.now();
      const page = await call(`${balancer}/scim/v2/Users?startIndex=${startIndex}&count=100`, token).then(
        record,
      );
      times.push(Date.now() - started);
      expect(page.status).toBe(200);
      rows.push((await handlerReads()) - before);
    }
    return { rowsRead: median(rows), ms: median(times) };
  }

  async function handlerReads(): Promise<number> {
    let total = 0;
    for (const node of nodes) {
      const [rows] = await node.query("SHOW GLOBAL STATUS LIKE 'Handler_read%'");
      for (const row of rows as { Value: string }[]) total += Number(row.Value);
    }
    return total;
  }

  it('keeps every acknowledged write when a database node is killed (-9) during 2,000 operations; the node rejoins and catches up', async () => {
    const created: string[] = [];
    const deactivated: string[] = [];
    let killedAt = 0;
    const started = Date.now();
    let retried = 0;
    await pool(2_000, 10, async (i) => {
      if (i === 400) {
        killedAt = Date.now() - started;
        kill(galeraPid(2), 'SIGKILL');
      }
      if (i % 4 === 3 && created.length > 0) {
        const id = created[created.length - 1];
        const answer = await callRetrying(`${balancer}/scim/v2/Users/${id}`, token, {
          method: 'PATCH',
          body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] },
        }).then(record);
        if (answer.tries > 1) retried++;
        if (answer.status === 200) deactivated.push(id);
        return;
      }
      const answer = await callRetrying(`${balancer}/scim/v2/Users`, token, {
        method: 'POST',
        body: newUser(`provisioned-${i}-${Date.now()}@example.com`),
      }).then(record);
      if (answer.tries > 1) retried++;
      if (answer.status === 201) created.push(answer.body.id as string);
    });
    const runMs = Date.now() - started;
    for (const node of [nodes[0], nodes[2]]) await expectWritesOn(node, created, deactivated);
    const rejoinStarted = Date.now();
    galera(['up', 'node', '2']);
    const rejoinMs = Date.now() - rejoinStarted;
    nodes[1] = await sqlOn(2);
    await expectWritesOn(nodes[1], created, deactivated);
    await waitUntil('instance 2 ready again', () => isReady(instanceUrl(2)));
    figures.databaseNodeKilled = {
      operations: 2_000,
      acknowledgedCreates: created.length,
      acknowledgedDeactivations: deactivated.length,
      answersAfterRetry: retried,
      killedAtMs: killedAt,
      runMs,
      rejoinMs,
    };
    expect(created.length).toBeGreaterThan(1_000);
  });

  async function expectWritesOn(node: Connection, created: string[], deactivated: string[]): Promise<void> {
    const [found] = await node.query('SELECT id, active FROM users WHERE id IN (?)', [created]);
    const byId = new Map(
      (found as { id: string; active: number }[]).map((row) => [row.id, Number(row.active)]),
    );
    expect(created.filter((id) => !byId.has(id))).toEqual([]);
    expect(deactivated.filter((id) => byId.get(id) !== 0)).toEqual([]);
    // Nothing half-written: every user has its email projection, and no projection lost its user.
    const [emails] = await node.query(
      "SELECT user_id, COUNT(*) AS n FROM user_values WHERE attribute = 'emails' AND user_id IN (?) GROUP BY user_id",
      [created],
    );
    expect((emails as unknown[]).length).toBe(created.length);
    const [orphans] = await node.query(
      'SELECT COUNT(*) AS n FROM user_values v LEFT JOIN users u ON u.id = v.user_id WHERE u.id IS NULL',
    );
    expect(Number((orphans as { n: number }[])[0].n)).toBe(0);
  }

  it('stops sending to a service instance killed (-9) under load, and loses no acknowledged write', async () => {
    const created: string[] = [];
    const victim = state.instances.find((instance) => instance.index === 3)!;
    await pool(600, 10, async (i) => {
      if (i === 150) kill(victim.pid, 'SIGKILL');
      const answer = await callRetrying(`${balancer}/scim/v2/Users`, token, {
        method: 'POST',
        body: newUser(`survivor-${i}-${Date.now()}@example.com`),
      }).then(record);
      if (answer.status === 201) created.push(answer.body.id as string);
    });
    await waitUntil('HAProxy marks instance 3 down', async () =>
      (await balancerStatus()).instance3?.startsWith('DOWN'),
    );
    const firstTry = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(`${balancer}/scim/v2/Users`, token, {
          method: 'POST',
          body: newUser(`after-${i}-${Date.now()}@example.com`),
        }).then(record),
      ),
    );
    expect(firstTry.map((answer) => answer.status)).toEqual(firstTry.map(() => 201));
    for (const node of nodes) await expectWritesOn(node, created, []);
    figures.serviceInstanceKilled = {
      operations: 600,
      acknowledgedCreates: created.length,
      balancer: await balancerStatus(),
    };
  });
});

/**
 * Seeds users in one statement from MariaDB's sequence engine, copying a template user for every
 * column but the identifying ones: ids are UUIDv7-shaped and older than any the service makes, so
 * the seeded users come first in id order.
 */
async function seedUsers(node: Connection, count: number): Promise<string[]> {
  const [[template]] = (await node.query(
    'SELECT id, organization_id FROM users ORDER BY id LIMIT 1',
  )) as unknown as [{ id: string }[]];
  const [columns] = await node.query(
    "SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'users' ORDER BY ORDINAL_POSITION",
  );
  const id = "LOWER(CONCAT('01900000-0000-7000-8000-', LPAD(HEX(s.seq), 12, '0')))";
  const userName = "CONCAT('seed', LPAD(s.seq, 6, '0'), '@example.com')";
  const expressions: Record<string, string> = {
    id,
    user_name: userName,
    user_name_key: userName,
    external_id: 'NULL',
  };
  const names = (columns as { name: string }[]).map((column) => column.name);
  await node.query(
    `INSERT INTO users (${names.map((n) => `\`${n}\``).join(', ')})
     SELECT ${names.map((n) => expressions[n] ?? `t.\`${n}\``).join(', ')}
       FROM seq_1_to_${count} s JOIN users t ON t.id = ?`,
    [template.id],
  );
  const [rows] = await node.query("SELECT id FROM users WHERE id LIKE '01900000-%' ORDER BY id");
  return (rows as { id: string }[]).map((row) => row.id);
}
