import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

describe('federation _entities', () => {
  let sut: TestApp;
  const ids: string[] = [];
  beforeAll(async () => {
    sut = await startTestApp();
    for (let i = 0; i < 100; i++) {
      const result = await sut.gql<{ createUser: { id: string } }>(
        `mutation($n: String!) { createUser(input: { userName: $n }) { id } }`,
        {
          n: `entity-${i}`,
        },
      );
      ids.push(result.data!.createUser.id);
    }
  });
  afterAll(() => sut.close());

  it('resolves 100 user representations with exactly one SELECT, in order', async () => {
    const representations = ids.map((id) => ({ __typename: 'User', id }));
    sut.queries.length = 0;
    const result = await sut.gql<{ _entities: { id: string; userName: string }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id userName } } }`,
      { r: representations },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((e) => e.id)).toEqual(ids);
    // Authentication reads (and may touch) the token, and background timers may meanwhile prune
    // hourly counts or the request log; everything else is the one batched SELECT.
    const dataQueries = sut.queries.filter(
      (q) => !/api_tokens|connection_hourly_counts|connection_requests/i.test(q),
    );
    expect(dataQueries).toHaveLength(1);
    expect(dataQueries[0]).toMatch(/^SELECT .* FROM [`"]?users[`"]?/i);
  });

  it('answers a summary selection as the full read does, reading fewer columns; any other field reads them all', async () => {
    const created = await sut.gql<{ createUser: { id: string } }>(
      `mutation($input: UserInput!) { createUser(input: $input) { id } }`,
      {
        input: {
          userName: 'Full.Entity@example.com',
          externalId: 'ext-1',
          displayName: 'Full Entity',
          title: 'Engineer',
          name: { givenName: 'Full', familyName: 'Entity', honorificSuffix: 'III' },
          emails: [
            { value: 'full@example.com', type: 'work', primary: true },
            { value: 'home@example.com', type: 'home', display: 'Home' },
          ],
          phoneNumbers: [{ value: '+1 555 0100', type: 'work' }],
        },
      },
    );
    const id = created.data!.createUser.id;
    const summary =
      'id userName externalId displayName active name { formatted givenName familyName middleName honorificPrefix honorificSuffix } emails { value display type primary } version createdAt updatedAt';
    const withMore = `${summary} title phoneNumbers { value type }`;
    for (const selection of [summary, withMore]) {
      const direct = await sut.gql<{ user: unknown }>(`query($id: ID!) { user(id: $id) { ${selection} } }`, {
        id,
      });
      sut.queries.length = 0;
      const viaEntities = await sut.gql<{ _entities: unknown[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { ${selection} } } }`,
        { r: [{ __typename: 'User', id }] },
      );
      expect(viaEntities.errors).toBeUndefined();
      expect(JSON.stringify(viaEntities.data!._entities[0])).toBe(JSON.stringify(direct.data!.user));
      const [select] = sut.queries.filter((q) => /^SELECT .* FROM [`"]?users[`"]?/i.test(q));
      if (selection === summary) expect(select).not.toMatch(/phone_numbers|title/);
      else expect(select).toMatch(/phone_numbers/);
    }
  });

  it('refuses a bad representation with BAD_USER_INPUT also when _entities sits in a named fragment', async () => {
    for (const query of [
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }`,
      `query($r: [_Any!]!) { ...E } fragment E on Query { _entities(representations: $r) { ... on User { id } } }`,
      `query($r: [_Any!]!) { ...Outer } fragment Outer on Query { ...E } fragment E on Query { _entities(representations: $r) { ... on User { id } } }`,
    ]) {
      const res = await sut.http
        .post('/graphql')
        .set('Authorization', `Bearer ${sut.tenant.adminToken}`)
        .send({ query, variables: { r: [{ __typename: 'User' }] } });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          message: 'representations[0].id must be a string',
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
        }),
      ]);
    }
  });

  it('serves its SDL with federation directives through _service', async () => {
    const result = await sut.gql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(result.data!._service.sdl).toMatch(/type User\s+@key\(fields: "id"\)/);
    expect(result.data!._service.sdl).toMatch(/type Group\s+@key\(fields: "id"\)/);
  });

  it('records every write as an audit event with actor, channel, action, target and request id', async () => {
    const res = await sut.http
      .post('/graphql')
      .set('Authorization', `Bearer ${sut.tenant.adminToken}`)
      .set('X-Request-Id', 'req-audit-1')
      .send({
        query: `mutation { createUser(input: { userName: "audited", password: "hunter2-secret" }) { id } }`,
      });
    const userId = res.body.data.createUser.id;
    const events = await sut.gql<{ auditEvents: { nodes: Record<string, unknown>[] } }>(
      `query($id: String) { auditEvents(filter: { targetId: $id }) { nodes { actor channel action targetType targetId changes requestId occurredAt } } }`,
      { id: userId },
    );
    const [event] = events.data!.auditEvents.nodes;
    expect(event).toMatchObject({
      channel: 'graphql',
      action: 'user.create',
      targetType: 'User',
      targetId: userId,
      requestId: 'req-audit-1',
    });
    const tokens = await sut.gql<{ apiTokens: { id: string; prefix: string }[] }>(
      '{ apiTokens { id prefix } }',
    );
    const caller = tokens.data!.apiTokens.filter((t) => sut.tenant.adminToken.startsWith(t.prefix));
    expect(caller).toHaveLength(1);
    expect(event.actor).toBe(`token:${caller[0].id}`);
    expect(JSON.stringify(event)).not.toContain('hunter2-secret');
    expect((event.changes as { fields: string[] }).fields).toEqual(
      expect.arrayContaining(['userName', 'password']),
    );
  });
});
