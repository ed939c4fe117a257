import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { ScryptPasswordHasher } from '../../src/domain/users/password-hasher';
import { createLogger } from '../../src/http/logger';
import type { DatabaseReader } from '../fixtures/database-reader';
import { openDatabaseReader } from '../fixtures/database-reader';
import type { ScimClient, ScimResponse } from '../fixtures/scim-client';
import { scim, USER_SCHEMA } from '../fixtures/scim-client';
import type { TestApp } from '../fixtures/test-app';
import { startTestApp } from '../fixtures/test-app';
import { createTestDatabase } from '../fixtures/test-database';

// What the APIs store in users.password_hash, read straight from the database (SQLite, or MariaDB
// with TEST_DATABASE_URL). The hasher's own verify is proven in test/unit/domain/users; it is used
// here to show that each stored hash is of the password just sent, and of no earlier one.

/** scrypt, N=2^15, r=8, p=1, a 16-byte salt and a 32-byte key, both base64. */
const STORED_FORMAT = /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/;
const FIXTURES = path.resolve(__dirname, '../fixtures');

const CREATE = `mutation($input: UserInput!) { createUser(input: $input) { id hasPassword } }`;
const UPDATE = `mutation($id: ID!, $input: UserPatchInput!) { updateUser(id: $id, input: $input) { id hasPassword } }`;
const REPLACE = `mutation($id: ID!, $input: UserInput!) { replaceUser(id: $id, input: $input) { id hasPassword } }`;

/** A recorded IdP request's body, its `{{placeholders}}` filled in. */
function recordedBody(file: string, step: string, values: Record<string, string>): unknown {
  const { steps } = JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as {
    steps: { name: string; body: unknown }[];
  };
  const found = steps.find((s) => s.name === step);
  if (!found) throw new Error(`${file} has no step "${step}"`);
  const filled = JSON.stringify(found.body).replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key]!);
  return JSON.parse(filled);
}

describe('password storage', () => {
  const hasher = new ScryptPasswordHasher(2);
  const logLines: string[] = [];
  const responses: string[] = [];
  /** Every plain password any test sent: none may appear in a response, a log line or a table. */
  const sent: string[] = [];
  let sut: TestApp;
  let db: DatabaseReader;
  let v2: ScimClient;
  let v1: ScimClient;

  beforeAll(async () => {
    const database = await createTestDatabase();
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    sut = await startTestApp({}, database, { logger: createLogger('trace', sink) });
    db = await openDatabaseReader(database.url);
    v2 = recording(scim(sut, sut.tenant.scimToken));
    v1 = recording(scim(sut, sut.tenant.scimToken, '/scim/v1'));
  });
  afterAll(async () => {
    await db?.close();
    await sut?.close();
  });

  /** A fresh password, remembered for the leak checks. */
  const password = (label: string): string => {
    const value = `${label}-${randomBytes(9).toString('base64url')}`;
    sent.push(value);
    return value;
  };

  function recording(client: ScimClient): ScimClient {
    const keep = async (response: Promise<ScimResponse>) => {
      const answered = await response;
      responses.push(answered.text);
      return answered;
    };
    return {
      ...client,
      post: (p, body, options) => keep(client.post(p, body, options)),
      put: (p, body, options) => keep(client.put(p, body, options)),
      patch: (p, body, options) => keep(client.patch(p, body, options)),
      get: (p, options) => keep(client.get(p, options)),
    };
  }

  async function gql(query: string, variables: Record<string, unknown>) {
    const res = await sut.http
      .post('/graphql')
      .set('Authorization', `Bearer ${sut.tenant.adminToken}`)
      .send({ query, variables });
    responses.push(res.text);
    return res.body as { data?: Record<string, { id: string; hasPassword: boolean }>; errors?: unknown[] };
  }

  async function gqlUserId(query: string, variables: Record<string, unknown>): Promise<string> {
    const { data, errors } = await gql(query, variables);
    expect(errors).toBeUndefined();
    const [user] = Object.values(data!);
    expect(user!.hasPassword).toBe(true);
    return user!.id;
  }

  async function storedHash(userId: string): Promise<string | null> {
    const [row] = await db.rows('SELECT password_hash FROM users WHERE id = ?', [userId]);
    expect(row).toBeDefined();
    return row!.password_hash as string | null;
  }

  /** The stored hash has the pinned format, verifies `current`, and none of `previous`. */
  async function expectHashOf(userId: string, current: string, previous: string[] = []): Promise<string> {
    const hash = await storedHash(userId);
    expect(hash).toMatch(STORED_FORMAT);
    expect(await hasher.verify(current, hash!)).toBe(true);
    for (const old of previous) expect(await hasher.verify(old, hash!)).toBe(false);
    return hash!;
  }

  async function scimUser(client: ScimClient, userName: string, pw: string, schema = USER_SCHEMA) {
    const created = await client.post('/Users', { schemas: [schema], userName, password: pw });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  it('stores the GraphQL createUser password as scrypt$N$r$p$salt$hash of that password', async () => {
    const pw = password('gql-create');
    const id = await gqlUserId(CREATE, { input: { userName: 'pw.gql.create@example.com', password: pw } });

    const hash = await expectHashOf(id, pw, [`${pw}x`]);
    expect(hash).not.toContain(pw);
  });

  it('hashes the same password differently for two users', async () => {
    const pw = password('shared');
    const first = await gqlUserId(CREATE, { input: { userName: 'pw.same.1@example.com', password: pw } });
    const second = await gqlUserId(CREATE, { input: { userName: 'pw.same.2@example.com', password: pw } });

    const [a, b] = [await expectHashOf(first, pw), await expectHashOf(second, pw)];
    expect(a).not.toBe(b);
  });

  it('replaces the hash of a user who has a password on GraphQL updateUser and replaceUser, and keeps it without one', async () => {
    const [p1, p2, p3] = [password('gql-1'), password('gql-2'), password('gql-3')];
    const userName = 'pw.gql.change@example.com';
    const id = await gqlUserId(CREATE, { input: { userName, password: p1 } });
    const h1 = await expectHashOf(id, p1);

    await gqlUserId(UPDATE, { id, input: { password: p2 } });
    const h2 = await expectHashOf(id, p2, [p1]);
    await gqlUserId(UPDATE, { id, input: { displayName: 'No password here' } });
    expect(await storedHash(id)).toBe(h2);

    await gqlUserId(REPLACE, { id, input: { userName, password: p3 } });
    const h3 = await expectHashOf(id, p3, [p2]);
    await gqlUserId(REPLACE, { id, input: { userName, displayName: 'Replaced' } });
    expect(await storedHash(id)).toBe(h3);
    // The same password again still gets a new salt: a sync never keeps a stale hash.
    await gqlUserId(UPDATE, { id, input: { password: p3 } });
    const h4 = await expectHashOf(id, p3);
    expect(new Set([h1, h2, h3, h4]).size).toBe(4);
  });

  it('stores a new hash for SCIM 2.0 PUT, PATCH by path and Okta’s Sync Password PATCH; PUT without one keeps it', async () => {
    const [p1, p2, p3, p4] = ['v2-1', 'v2-2', 'v2-3', 'v2-okta'].map(password);
    const userName = 'pw.scim2@example.com';
    const id = await scimUser(v2, userName, p1);
    await expectHashOf(id, p1);

    expect((await v2.put(`/Users/${id}`, { schemas: [USER_SCHEMA], userName, password: p2 })).status).toBe(
      200,
    );
    await expectHashOf(id, p2, [p1]);
    expect((await v2.patchOps(`/Users/${id}`, [{ op: 'replace', path: 'password', value: p3 }])).status).toBe(
      200,
    );
    await expectHashOf(id, p3, [p2]);
    const okta = recordedBody('idp/okta/provision-and-update-user.json', 'Sync the password (PATCH)', {});
    const oktaBody = JSON.parse(JSON.stringify(okta).replace('N3wPassw0rd!', p4));
    expect(oktaBody.Operations).toEqual([{ op: 'replace', value: { password: p4 } }]);
    expect((await v2.patch(`/Users/${id}`, oktaBody)).status).toBe(200);
    const okHash = await expectHashOf(id, p4, [p3]);

    expect(
      (await v2.put(`/Users/${id}`, { schemas: [USER_SCHEMA], userName, displayName: 'Kept' })).status,
    ).toBe(200);
    expect(await storedHash(id)).toBe(okHash);
  });

  it('stores a new hash for Okta’s SCIM 1.1 Sync Password, by PATCH and by PUT', async () => {
    const [p1, p2, p3] = ['v1-1', 'v1-patch', 'v1-put'].map(password);
    const userName = 'pw.scim1@okta.local';
    const id = await scimUser(v1, userName, p1, 'urn:scim:schemas:core:1.0');
    await expectHashOf(id, p1);
    const values = { userId: id, userName, random: 'x' };
    const fill = (step: string, pw: string) =>
      JSON.parse(
        JSON.stringify(recordedBody('okta-scim11/password-sync.json', step, values)).replace(
          /"[NA]w8-pass-x"/,
          () => JSON.stringify(pw),
        ),
      );

    const patch = fill('Sync the password (PATCH)', p2);
    expect(patch).toEqual({ schemas: ['urn:scim:schemas:core:1.0'], id, password: p2 });
    expect((await v1.patch(`/Users/${id}`, patch)).status).toBe(200);
    await expectHashOf(id, p2, [p1]);
    const put = fill('Sync the password the AIW way (PUT)', p3);
    expect(put.password).toBe(p3);
    expect((await v1.put(`/Users/${id}`, put)).status).toBe(200);
    await expectHashOf(id, p3, [p2]);
  });

  it('stores the NFKC form: a password sent in full-width characters verifies in plain ones', async () => {
    const suffix = randomBytes(6).toString('hex');
    const fullWidth = `Ｐａｓｓ-ｗｏｒｄ-${suffix}`;
    sent.push(fullWidth);
    const id = await scimUser(v2, 'pw.nfkc@example.com', fullWidth);

    await expectHashOf(id, `Pass-word-${suffix}`, [`pass-word-${suffix}`]);
  });

  it('refuses bad input carrying a password without echoing it', async () => {
    const pw = password('refused');
    const badScim = await v2.post('/Users', { schemas: [USER_SCHEMA], userName: '', password: pw });
    expect(badScim.status).toBe(400);
    for (const input of [
      { userName: 'pw.typo@example.com', password: pw, pasword: pw },
      { userName: 'pw.list@example.com', password: [pw] },
      { userName: 'pw.long@example.com', password: pw.repeat(100) },
    ]) {
      const refused = await gql(CREATE, { input });
      expect(refused.errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
      ]);
    }
  });

  // Last: it looks for every password the tests above sent.
  it('holds no plain password in any response, log line or table', async () => {
    expect(sent.length).toBeGreaterThanOrEqual(10);
    expect(responses.length).toBeGreaterThanOrEqual(20);
    expect(logLines.length).toBeGreaterThanOrEqual(responses.length);
    const tables = await db.tables();
    expect(tables).toEqual(expect.arrayContaining(['users', 'audit_events']));
    const stored = await Promise.all(tables.map(async (t) => JSON.stringify(await db.everyRow(t))));

    for (const [where, text] of [
      ['responses', responses.join('\n')],
      ['log lines', logLines.join('\n')],
      ['tables', stored.join('\n')],
    ] as const) {
      const leaked = sent.filter((pw) => text.includes(pw));
      expect({ where, leaked }).toEqual({ where, leaked: [] });
    }
  });
});
