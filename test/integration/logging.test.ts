import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp } from '../../src/app';
import type { App } from '../../src/app';
import { bootstrapFirstStart } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/http/logger';
import { newTokenSecret } from '../fixtures/test-app';
import { createTestDatabase } from '../fixtures/test-database';

describe('structured logs', () => {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  let app: App;
  let drop: () => Promise<void>;
  const admin = newTokenSecret();
  const scim = newTokenSecret();

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          raw.push(line);
          lines.push(JSON.parse(line));
        }
        done();
      },
    });
    app = await createApp(loadConfig({ DATABASE_URL: database.url }), { logger: createLogger('info', sink) });
    await bootstrapFirstStart(app.services, {
      organizationSlug: 'default',
      adminToken: admin,
      scimToken: scim,
    });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('write one JSON line per request with its request id, and never a secret', async () => {
    const http = request(app.express);
    await http
      .post('/graphql')
      .set('Authorization', `Bearer ${admin}`)
      .set('X-Request-Id', 'log-test-1')
      .send({
        query: 'mutation($p: String) { createUser(input: { userName: "logged", password: $p }) { id } }',
        variables: { p: 'pa55-word-xyz' },
      });
    const created = await http
      .post('/graphql')
      .set('Authorization', `Bearer ${admin}`)
      .send({ query: 'mutation { createApiToken(input: { name: "t", scopes: ["scim"] }) { secret } }' });
    const secret = created.body.data.createApiToken.secret as string;
    await http.get('/graphql').set('Authorization', 'Bearer idt_wrongwrongwrongwrongwrong');
    await http
      .post('/scim/v2/Users')
      .set('Authorization', `Basic ${Buffer.from(`okta:${scim}`).toString('base64')}`)
      .send({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'scim-logged',
        password: 'scim-pa55-word',
      });

    const requestLine = lines.find((l) => l.requestId === 'log-test-1');
    expect(requestLine).toMatchObject({
      level: 'info',
      req: { method: 'POST', url: '/graphql' },
      res: { statusCode: 200 },
    });
    expect(
      lines.filter((l) => (l as { req?: unknown }).req).every((l) => typeof l.requestId === 'string'),
    ).toBe(true);
    const everything = raw.join('\n');
    for (const leaked of [admin, scim, secret, 'pa55-word-xyz', 'scim-pa55-word', 'idt_wrongwrong']) {
      expect(everything).not.toContain(leaked);
    }
  });

  it('logs a setup-link page as /admin/setup/[redacted], never its secret, however the path is spelled', async () => {
    const http = request(app.express);
    const secrets = ['isl_SeTuPsEcReT0001', 'isl_SeTuPsEcReT0002', 'isl_SeTuPsEcReT0003'];
    await http.get(`/admin/setup/${secrets[0]}`).set('X-Request-Id', 'setup-link-1');
    await http.get(`/ADMIN/Setup/${secrets[1]}?from=mail`).set('X-Request-Id', 'setup-link-2');
    await http.get(`/admin/%73etup/${secrets[2]}`).set('X-Request-Id', 'setup-link-3');
    expect(lines.find((l) => l.requestId === 'setup-link-1')).toMatchObject({
      req: { method: 'GET', url: '/admin/setup/[redacted]' },
    });
    expect(lines.find((l) => l.requestId === 'setup-link-2')).toMatchObject({
      req: { url: '/admin/setup/[redacted]?from=mail' },
    });
    expect(lines.find((l) => l.requestId === 'setup-link-3')).toMatchObject({
      req: { url: '/admin/setup/[redacted]' },
    });
    const everything = raw.join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});
