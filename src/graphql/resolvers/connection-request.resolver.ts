import { Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { AuditEventRecord } from '../../domain/audit/audit-event';
import { isScimChannel } from '../../domain/auth/request-context';
import type { RehearsedChange } from '../../domain/connections/rehearsed-change';
import type { ConnectionRequestRecord } from '../../domain/connections/request-log';
import type { GraphqlContext } from '../context';
import { ConnectionRequestArgs } from '../inputs/connection-request.input';
import { toPageRequest } from '../inputs/list.args';
import { AuditEvent } from '../types/audit-event.type';
import type { ConnectionPage } from '../types/connection.type';
import { toConnection } from '../types/connection.type';
import {
  ConnectionRequest,
  ConnectionRequestConnection,
  RequestChange,
} from '../types/connection-request.type';

/** The request log of a connection (identity:admin). */
@Resolver(() => ConnectionRequest)
export class ConnectionRequestResolver {
  @Query(() => ConnectionRequestConnection, {
    description:
      "A connection's SCIM requests, newest first; kept REQUEST_LOG_DAYS, written within about a second.",
  })
  async connectionRequests(
    @Args(() => ConnectionRequestArgs) args: ConnectionRequestArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<ConnectionPage<ConnectionRequestRecord>> {
    return toConnection(
      await services.requestLog.list(request, args.connectionId, args.filter ?? {}, toPageRequest(args)),
    );
  }

  @FieldResolver(() => [RequestChange], { nullable: true })
  changes(@Root() entry: ConnectionRequestRecord): readonly RehearsedChange[] | null {
    return entry.changes?.items ?? null;
  }

  @FieldResolver(() => Int)
  changesOmitted(@Root() entry: ConnectionRequestRecord): number {
    return entry.changes?.omitted ?? 0;
  }
}

/** An audit event links back to the logged request that produced it. */
@Resolver(() => AuditEvent)
export class AuditEventRequestResolver {
  @FieldResolver(() => ConnectionRequest, {
    nullable: true,
    description: 'The connection request (request log) that produced it; null for other channels.',
  })
  connectionRequest(
    @Root() event: AuditEventRecord,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<ConnectionRequestRecord | null> {
    if (!isScimChannel(event.channel)) return Promise.resolve(null);
    return services.requestLog.ofAuditEvent(request, event);
  }
}
