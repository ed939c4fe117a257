import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

// graphql-js's `execute`, counted: the facade's documents must all run compiled (graphql-jit).
jest.mock('graphql', () => {
  const actual = jest.requireActual<typeof import('graphql')>('graphql');
  return { ...actual, execute: jest.fn(actual.execute) };
});
import { execute } from 'graphql';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/**
 * Every SCIM request runs its GraphQL documents compiled, including those taking the recursive
 * `Filter` input (graphql-jit cannot compile its coercion; graphql-js coerces those variables).
 */
describe('SCIM documents run compiled', () => {
  let sut: TestApp;
  const interpreted = execute as jest.MockedFunction<typeof execute>;
  const auth = () => ({ Authorization: `Bearer ${sut.tenant.scimToken}` });

  beforeAll(async () => {
    sut = await startTestApp();
    for (const [userName, active] of [
      ['ann@example.com', true],
      ['andy@example.com', false],
      ['bert@example.com', true],
    ] as const) {
      const res = await sut.http
        .post('/scim/v2/Users')
        .set(auth())
        .send({ schemas: [USER], userName, active, title: userName.startsWith('an') ? 'Eng' : 'Ops' });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => sut.close());
  beforeEach(() => interpreted.mockClear());
  afterEach(() => expect(interpreted).not.toHaveBeenCalled());

  const names = (body: { Resources?: { userName: string }[] }) =>
    (body.Resources ?? []).map((r) => r.userName).sort();

  it('filters with nested and/or/not, every operator kind and a value path', async () => {
    const filter =
      '(userName sw "an" and not (active eq false)) or (title eq "Ops" and userName co "ber") or emails[value ew ".invalid"]';
    const res = await sut.http.get(`/scim/v2/Users?filter=${encodeURIComponent(filter)}`).set(auth());
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(['ann@example.com', 'bert@example.com']);
    const eq = await sut.http
      .get(`/scim/v2/Users?filter=${encodeURIComponent('userName eq "ANDY@example.com"')}`)
      .set(auth());
    expect(names(eq.body)).toEqual(['andy@example.com']);
    const present = await sut.http
      .get(`/scim/v2/Users?filter=${encodeURIComponent('title pr and not (title gt "F")')}&sortBy=userName`)
      .set(auth());
    expect(names(present.body)).toEqual(['andy@example.com', 'ann@example.com']);
  });

  it('lists, reads, creates and patches users and groups', async () => {
    const list = await sut.http.get('/scim/v2/Users?startIndex=1&count=2').set(auth());
    expect(list.body.totalResults).toBe(3);
    const id = list.body.Resources[0].id as string;
    expect((await sut.http.get(`/scim/v2/Users/${id}`).set(auth())).status).toBe(200);
    const patched = await sut.http
      .patch(`/scim/v2/Users/${id}`)
      .set(auth())
      .send({ schemas: [PATCH], Operations: [{ op: 'replace', value: { title: 'Lead' } }] });
    expect(patched.status).toBe(200);
    const group = await sut.http
      .post('/scim/v2/Groups')
      .set(auth())
      .send({ schemas: [GROUP], displayName: 'Compiled', members: [{ value: id }] });
    expect(group.status).toBe(201);
    const groups = await sut.http
      .get(`/scim/v2/Groups?filter=${encodeURIComponent('displayName eq "compiled" or displayName sw "x"')}`)
      .set(auth());
    expect(groups.body.Resources.map((g: { displayName: string }) => g.displayName)).toEqual(['Compiled']);
  });
});
