import type { DocumentNode } from 'graphql';
import type { CallContext, GraphqlExecutor } from '../../../../src/scim/graphql/graphql-executor';
import type { ScimRequestReport } from '../../../../src/scim/graphql/remote-activity-reporter';
import { RemoteActivityReporter } from '../../../../src/scim/graphql/remote-activity-reporter';

/** An executor that records each call, failing while `failing` is set. */
class FakeExecutor implements GraphqlExecutor {
  readonly calls: { credential: unknown; organization?: string; count: number }[] = [];
  failing = false;

  async execute<TData>(
    _document: DocumentNode,
    variables: Record<string, unknown>,
    call: CallContext,
  ): Promise<TData> {
    if (this.failing) throw new Error('subgraph down');
    this.calls.push({
      credential: call.caller.credential,
      organization: call.caller.organizationHeader,
      count: (variables.requests as unknown[]).length,
    });
    return { recordScimRequests: (variables.requests as unknown[]).length } as TData;
  }
}

const report = (status = 200): ScimRequestReport => ({
  at: new Date().toISOString(),
  requestId: 'r',
  method: 'GET',
  path: '/scim/v2/Users',
  status,
  durationMs: 1,
  quirks: [],
  resourceIds: [],
  requestBody: null,
  responseBody: null,
  usersCreated: 0,
  groupsCreated: 0,
});
const caller = (credential: string, organizationHeader?: string) => ({
  credential,
  organizationId: 'o',
  scopes: ['scim'],
  organizationHeader,
});

describe('RemoteActivityReporter', () => {
  let executor: FakeExecutor;
  let errors: number[];
  let sut: RemoteActivityReporter;

  beforeEach(() => {
    executor = new FakeExecutor();
    errors = [];
    sut = new RemoteActivityReporter(executor, {
      flushMs: 60_000,
      batchSize: 2,
      maxQueued: 5,
      onError: (_error, dropped) => errors.push(dropped),
    });
  });
  afterEach(() => sut.close());

  it('sends each credential its own reports (per X-Organization too), in batches of batchSize', async () => {
    for (let i = 0; i < 3; i++) sut.add(caller('token-a'), report());
    sut.add(caller('token-b'), report());
    sut.add(caller('token-a', 'acme'), report());

    await sut.flush();

    expect(executor.calls).toEqual([
      { credential: 'token-a', organization: undefined, count: 2 },
      { credential: 'token-a', organization: undefined, count: 1 },
      { credential: 'token-b', organization: undefined, count: 1 },
      { credential: 'token-a', organization: 'acme', count: 1 },
    ]);
  });

  it('drops reports beyond maxQueued instead of holding them, and says how many', async () => {
    for (let i = 0; i < 7; i++) sut.add(caller('token-a'), report());
    await sut.flush();

    expect(executor.calls.reduce((n, c) => n + c.count, 0)).toBe(5);
    expect(errors).toEqual([1, 1]);
  });

  it('drops a batch the subgraph does not take and does not send it again', async () => {
    sut.add(caller('token-a'), report(404));
    executor.failing = true;
    await sut.flush();
    executor.failing = false;
    await sut.flush();

    expect(errors).toEqual([1]);
    expect(executor.calls).toEqual([]);
  });
});
