import { ArgsType, Field, InputType, Int } from 'type-graphql';
import type {
  AuditEventFilter as DomainAuditEventFilter,
  AuditTargetType,
} from '../../domain/audit/audit-event';
import type { Channel } from '../../domain/auth/request-context';

@InputType({ description: 'Audit events matching every field that is set; values as AuditEvent shows them.' })
export class AuditEventFilter {
  @Field(() => String, { nullable: true })
  action?: string | null;

  @Field(() => String, { nullable: true })
  targetType?: string | null;

  @Field(() => String, { nullable: true })
  targetId?: string | null;

  @Field(() => String, { nullable: true })
  actor?: string | null;

  @Field(() => String, { nullable: true })
  channel?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only events that occurred from this time on.' })
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only events that occurred up to this time.' })
  until?: Date | null;
}

@ArgsType()
export class AuditEventArgs {
  @Field(() => AuditEventFilter, { nullable: true })
  filter?: AuditEventFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size, 0 to 1000.' })
  first: number | null = 50;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

/** The domain's filter. A targetType or channel that names nothing simply matches no event. */
export function toAuditEventFilter(filter: AuditEventFilter | null | undefined): DomainAuditEventFilter {
  if (!filter) return {};
  const { action, targetType, targetId, actor, channel, since, until } = filter;
  return {
    action,
    targetType: targetType as AuditTargetType | null | undefined,
    targetId,
    actor,
    channel: channel as Channel | null | undefined,
    since,
    until,
  };
}
