import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { AuditEventRecord } from '../../domain/audit/audit-event';
import type { GraphqlContext } from '../context';
import { AuditEventArgs, toAuditEventFilter } from '../inputs/audit-event.args';
import { toPageRequest } from '../inputs/list.args';
import type { ConnectionPage } from '../types/connection.type';
import { toConnection } from '../types/connection.type';
import { AuditEvent, AuditEventConnection } from '../types/audit-event.type';

@Resolver(() => AuditEvent)
export class AuditEventResolver {
  @Query(() => AuditEventConnection, {
    description: "The organization's audit trail, newest first (needs identity:admin).",
  })
  async auditEvents(
    @Args(() => AuditEventArgs) args: AuditEventArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<ConnectionPage<AuditEventRecord>> {
    return toConnection(
      await services.audit.list(request, toAuditEventFilter(args.filter), toPageRequest(args)),
    );
  }
}
