import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

/** Okta's Header Auth templates send the "Authorization" field as typed: with or without "Bearer ". */
describe('SCIM Authorization header forms', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(() => sut.close());

  it.each([
    ['Bearer <token>', (t: string) => `Bearer ${t}`],
    ['the bare token', (t: string) => t],
    [
      'Basic with the token as password',
      (t: string) => `Basic ${Buffer.from(`okta:${t}`).toString('base64')}`,
    ],
  ])('accepts %s on /scim/v2 and /scim/v1', async (_name, header) => {
    for (const base of ['/scim/v2', '/scim/v1']) {
      const res = await sut.http
        .get(`${base}/Users?count=1`)
        .set('Authorization', header(sut.tenant.scimToken));
      expect(res.status).toBe(200);
    }
  });

  it('does not accept a bare token on /graphql, where only Bearer is documented', async () => {
    const res = await sut.http
      .post('/graphql')
      .set('Authorization', sut.tenant.adminToken)
      .send({ query: '{ viewer { subject } }' });
    expect(res.status).toBe(401);
  });
});

describe('legacy schema URNs', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(() => sut.close());

  it('accepts OneLogin’s urn:scim:schemas:core:2.0 and short enterprise URN, storing the enterprise attributes', async () => {
    const res = await sut.http
      .post('/scim/v2/Users')
      .set('Authorization', `Bearer ${sut.tenant.scimToken}`)
      .send({
        schemas: ['urn:scim:schemas:core:2.0', 'urn:scim:schemas:extension:enterprise:2.0'],
        userName: 'legacy@example.com',
        'urn:scim:schemas:extension:enterprise:2.0': { department: 'Sales' },
      });
    expect(res.status).toBe(201);
    expect(res.body['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']).toEqual({
      department: 'Sales',
    });
    expect(res.body.schemas).toEqual([
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    ]);
  });
});
