import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ConnectionView } from '../../domain/connections/connection';
import type {
  ConnectionHealth,
  QuirkSeen as Quirk,
  RequestCounts as Counts,
} from '../../domain/connections/connection-health';
import type { GraphqlContext } from '../context';
import { ConnectionError, CountWindow, QuirkSeen, RequestCounts } from '../types/connection-health.type';
import { IdpConnection } from '../types/idp-connection.type';

/**
 * A connection's health, cheap to read: counters aggregated in memory and flushed in batches, read
 * once per request for all the organization's connections, plus what this instance has not flushed.
 */
@Resolver(() => IdpConnection)
export class ConnectionHealthResolver {
  @FieldResolver(() => Date, { nullable: true })
  async lastRequestAt(@Root() c: ConnectionView, @Ctx() ctx: GraphqlContext): Promise<Date | null> {
    return (await health(c, ctx)).lastRequestAt;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'Last answer below 400.' })
  async lastSuccessAt(@Root() c: ConnectionView, @Ctx() ctx: GraphqlContext): Promise<Date | null> {
    return (await health(c, ctx)).lastSuccessAt;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'Last answer of 400 or above.' })
  async lastErrorAt(@Root() c: ConnectionView, @Ctx() ctx: GraphqlContext): Promise<Date | null> {
    return (await health(c, ctx)).lastErrorAt;
  }

  @FieldResolver(() => ConnectionError, {
    nullable: true,
    description: 'Status and detail of the last error.',
  })
  async lastError(@Root() c: ConnectionView, @Ctx() ctx: GraphqlContext): Promise<ConnectionError | null> {
    return (await health(c, ctx)).lastError;
  }

  @FieldResolver(() => RequestCounts, { description: 'SCIM requests by outcome.' })
  async requestCounts(
    @Root() c: ConnectionView,
    @Arg('window', () => CountWindow, { defaultValue: CountWindow.SINCE_CREATION }) window: CountWindow,
    @Ctx() ctx: GraphqlContext,
  ): Promise<Counts> {
    const h = await health(c, ctx);
    return window === CountWindow.LAST_24_HOURS ? h.last24h : h.total;
  }

  @FieldResolver(() => Int, {
    description: 'Users created through it (SCIM POST /Users, and each user POST of a Bulk request).',
  })
  async usersCreated(@Root() c: ConnectionView, @Ctx() ctx: GraphqlContext): Promise<number> {
    return (await health(c, ctx)).usersCreated;
  }

  @FieldResolver(() => [QuirkSeen], {
    description: 'The IdP quirks and ignored attributes its requests needed, most frequent first.',
  })
  async quirksSeen(@Root() c: ConnectionView, @Ctx() ctx: GraphqlContext): Promise<readonly Quirk[]> {
    return (await health(c, ctx)).quirksSeen;
  }

  @FieldResolver(() => Int, {
    description: 'Request log entries dropped because the database could not keep up.',
  })
  async requestLogDropped(@Root() c: ConnectionView, @Ctx() ctx: GraphqlContext): Promise<number> {
    return (await health(c, ctx)).logDropped;
  }

  @FieldResolver(() => Int, {
    description: 'Groups created through it (SCIM POST /Groups, and each group POST of a Bulk request).',
  })
  async groupsCreated(@Root() c: ConnectionView, @Ctx() ctx: GraphqlContext): Promise<number> {
    return (await health(c, ctx)).groupsCreated;
  }
}

const health = (
  connection: ConnectionView,
  { request, services }: GraphqlContext,
): Promise<ConnectionHealth> => services.connectionHealth.healthOf(request, connection.id);
