import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import type { WebhookDeliveryStatus as DomainDeliveryStatus } from '../../domain/webhooks/webhook';
import { WebhookDeliveryStatus } from '../types/webhook.type';

@InputType({ description: 'A new webhook endpoint; its signing secret is issued with it.' })
export class CreateWebhookEndpointInput {
  @Field(() => String, {
    description:
      'https:// (http:// only with WEBHOOK_ALLOW_PRIVATE); refused when the host resolves to a private, loopback or link-local address.',
  })
  url!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Event types to send (see docs/events.md); empty or absent = every type.',
  })
  eventTypes?: string[] | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@ArgsType()
export class WebhookDeliveriesArgs {
  @Field(() => ID)
  endpointId!: string;

  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this state.' })
  status?: DomainDeliveryStatus | null;

  @Field(() => Int, { defaultValue: 50, description: 'Page size, 0 to 1000.' })
  first!: number;

  @Field(() => String, { nullable: true, description: "A previous page's `endCursor`." })
  after?: string | null;
}
