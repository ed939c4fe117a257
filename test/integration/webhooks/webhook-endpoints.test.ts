import type { TestApp } from '../../fixtures/test-app';
import { expectOneError, startTestApp } from '../../fixtures/test-app';

const FIELDS = 'id url description eventTypes status disabledReason createdBy createdAt updatedAt';
const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { ${FIELDS} } } }`;

interface Endpoint {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  status: string;
  disabledReason: string | null;
}

/** Webhook endpoints over GraphQL: registration, the secret once, status changes, audit, the SSRF rule. */
describe('webhook endpoints', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
  });
  afterAll(() => sut.close());

  const create = async (input: Record<string, unknown>, token?: string) => {
    const result = await sut.gql<{ createWebhookEndpoint: { secret: string; endpoint: Endpoint } }>(
      CREATE,
      { input },
      token,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.createWebhookEndpoint;
  };

  it('registers an endpoint: a whsec_ secret of 32 bytes once, the endpoint enabled, audited without the secret', async () => {
    const issued = await create({
      url: 'http://127.0.0.1:9/hook',
      eventTypes: ['user.created', 'user.deactivated'],
      description: 'HR sync',
    });
    expect(issued.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(issued.secret.slice(6), 'base64')).toHaveLength(32);
    expect(issued.endpoint).toMatchObject({
      url: 'http://127.0.0.1:9/hook',
      eventTypes: ['user.created', 'user.deactivated'],
      description: 'HR sync',
      status: 'ENABLED',
      disabledReason: null,
    });
    const read = await sut.gql<{ webhookEndpoint: Endpoint; webhookEndpoints: Endpoint[] }>(
      `query($id: ID!) { webhookEndpoint(id: $id) { ${FIELDS} } webhookEndpoints { id } }`,
      { id: issued.endpoint.id },
    );
    expect(read.data!.webhookEndpoint).toEqual(issued.endpoint);
    expect(read.data!.webhookEndpoints.map((e) => e.id)).toContain(issued.endpoint.id);
    const audit = await sut.gql<{ auditEvents: { nodes: { action: string; changes: unknown }[] } }>(
      `query($id: String) { auditEvents(filter: { targetId: $id }) { nodes { action changes } } }`,
      { id: issued.endpoint.id },
    );
    expect(audit.data!.auditEvents.nodes.map((n) => n.action)).toEqual(['webhook.create']);
    expect(JSON.stringify(audit.data)).not.toContain(issued.secret.slice(6, 20));
  });

  it('rotates, disables, enables and deletes, each change audited; rotation issues a different secret', async () => {
    const issued = await create({ url: 'http://127.0.0.1:9/a' });
    const id = issued.endpoint.id;
    const rotated = await sut.gql<{ rotateWebhookSecret: { secret: string } }>(
      'mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { id } } }',
      { id },
    );
    expect(rotated.data!.rotateWebhookSecret.secret).toMatch(/^whsec_/);
    expect(rotated.data!.rotateWebhookSecret.secret).not.toBe(issued.secret);
    const disabled = await sut.gql<{ disableWebhookEndpoint: Endpoint }>(
      `mutation($id: ID!) { disableWebhookEndpoint(id: $id) { ${FIELDS} } }`,
      { id },
    );
    expect(disabled.data!.disableWebhookEndpoint).toMatchObject({
      status: 'DISABLED',
      disabledReason: 'manual',
    });
    const enabled = await sut.gql<{ enableWebhookEndpoint: Endpoint }>(
      `mutation($id: ID!) { enableWebhookEndpoint(id: $id) { ${FIELDS} } }`,
      { id },
    );
    expect(enabled.data!.enableWebhookEndpoint).toMatchObject({ status: 'ENABLED', disabledReason: null });
    const deleted = await sut.gql('mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }', { id });
    expect(deleted.errors).toBeUndefined();
    const gone = await sut.gql<{ webhookEndpoint: null }>(
      'query($id: ID!) { webhookEndpoint(id: $id) { id } }',
      {
        id,
      },
    );
    expect(gone.data!.webhookEndpoint).toBeNull();
    const audit = await sut.gql<{ auditEvents: { nodes: { action: string }[] } }>(
      `query($id: String) { auditEvents(filter: { targetId: $id }) { nodes { action } } }`,
      { id },
    );
    expect(audit.data!.auditEvents.nodes.map((n) => n.action).sort()).toEqual(
      [
        'webhook.create',
        'webhook.delete',
        'webhook.disable',
        'webhook.enable',
        'webhook.rotateSecret',
      ].sort(),
    );
  });

  it('refuses an unknown event type, a non-http URL and a malformed cursor with BAD_USER_INPUT', async () => {
    const unknownType = await sut.gql(CREATE, {
      input: { url: 'http://127.0.0.1:9/', eventTypes: ['user.exploded'] },
    });
    expectOneError(unknownType, 'BAD_USER_INPUT', 'eventTypes');
    const ftp = await sut.gql(CREATE, { input: { url: 'ftp://127.0.0.1/' } });
    expectOneError(ftp, 'BAD_USER_INPUT', 'url');
    const { endpoint } = await create({ url: 'http://127.0.0.1:9/b' });
    const badCursor = await sut.gql(
      'query($id: ID!) { webhookDeliveries(endpointId: $id, after: "nope") { nodes { id } } }',
      { id: endpoint.id },
    );
    expectOneError(badCursor, 'BAD_USER_INPUT', 'after');
  });

  it('needs identity:admin: a read token is FORBIDDEN', async () => {
    const result = await sut.gql(CREATE, { input: { url: 'http://127.0.0.1:9/' } }, sut.tenant.readToken);
    expectOneError(result, 'FORBIDDEN');
  });

  it("an organization never sees, changes or replays another's endpoint (NOT_FOUND / null)", async () => {
    const { endpoint } = await create({ url: 'http://127.0.0.1:9/mine' });
    const token = sut.other.adminToken;
    const read = await sut.gql<{ webhookEndpoint: null; webhookEndpoints: Endpoint[] }>(
      'query($id: ID!) { webhookEndpoint(id: $id) { id } webhookEndpoints { id } }',
      { id: endpoint.id },
      token,
    );
    expect(read.data!.webhookEndpoint).toBeNull();
    expect(read.data!.webhookEndpoints).toEqual([]);
    for (const mutation of ['disableWebhookEndpoint', 'enableWebhookEndpoint', 'deleteWebhookEndpoint']) {
      const result = await sut.gql(
        `mutation($id: ID!) { ${mutation}(id: $id) { id } }`,
        { id: endpoint.id },
        token,
      );
      expectOneError(result, 'NOT_FOUND');
    }
    expectOneError(
      await sut.gql(
        'mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }',
        { id: endpoint.id },
        token,
      ),
      'NOT_FOUND',
    );
    expectOneError(
      await sut.gql(
        'mutation($id: ID!) { replayEvents(endpointId: $id, since: "2020-01-01T00:00:00Z") }',
        { id: endpoint.id },
        token,
      ),
      'NOT_FOUND',
    );
    expectOneError(
      await sut.gql(
        'query($id: ID!) { webhookDeliveries(endpointId: $id) { nodes { id } } }',
        { id: endpoint.id },
        token,
      ),
      'NOT_FOUND',
    );
  });
});

describe('webhook endpoints without WEBHOOK_ALLOW_PRIVATE', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(() => sut.close());

  it.each([
    ['loopback', 'https://127.0.0.1/hook'],
    ['localhost by name', 'https://localhost/hook'],
    ['RFC 1918', 'https://10.1.2.3/hook'],
    ['link-local metadata', 'https://169.254.169.254/latest/meta-data'],
    ['IPv6 unique-local', 'https://[fd00::1]/hook'],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/hook'],
    ['0.0.0.0', 'https://0.0.0.0/hook'],
    ['plain http', 'http://93.184.215.14/hook'],
  ])('refuses %s (%s) with BAD_USER_INPUT on url', async (_name, url) => {
    const result = await sut.gql(CREATE, { input: { url } });
    expectOneError(result, 'BAD_USER_INPUT', 'url');
  });

  it('accepts an https URL on a public address', async () => {
    const result = await sut.gql(CREATE, { input: { url: 'https://93.184.215.14/hook' } });
    expect(result.errors).toBeUndefined();
  });
});
