/**
 * The gateway's data source for the identity subgraph: Apollo's own RemoteGraphQLDataSource (its
 * fetcher, its keep-alive agent, its response handling), which forwards the client's Authorization
 * header, as a gateway in front of identity does, and times every fetch. The time from handing the
 * request to the data source until its parsed response is back is what the gateway spends waiting
 * on the identity subgraph: G3 reports it against the whole query's latency.
 */
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GatewayLog } from './gateway-log';

/** What the gateway's context carries from the client's request. */
export interface GatewayContext {
  readonly authorization?: string;
}

export class TimedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly log: GatewayLog,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (context.authorization) request.http?.headers.set('Authorization', context.authorization);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    this.log.identitySent(options.request.query, options.request.operationName);
    const started = process.hrtime.bigint();
    try {
      const response = await super.process(options);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      this.log.identityAnswered(ms, (response.errors?.length ?? 0) > 0);
      return response;
    } catch (error) {
      this.log.identityFailed();
      throw error;
    }
  }
}
