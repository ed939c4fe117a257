import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type {
  WebhookDeliveryStatus as DomainDeliveryStatus,
  WebhookEndpointStatus as DomainEndpointStatus,
} from '../../domain/webhooks/webhook';
import { PageInfo } from './connection.type';
import { domainEnum } from './domain-enum';

export const WebhookEndpointStatus = domainEnum<DomainEndpointStatus>()({
  ENABLED: 'ENABLED',
  DISABLED: 'DISABLED',
});
registerEnumType(WebhookEndpointStatus, {
  name: 'WebhookEndpointStatus',
  description: 'DISABLED: nothing is sent; enabling resumes with the events of the disabled time.',
});

export const WebhookDeliveryStatus = domainEnum<DomainDeliveryStatus>()({
  PENDING: 'PENDING',
  DELIVERED: 'DELIVERED',
  DEAD: 'DEAD',
});
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING (due or waiting for a retry), DELIVERED (a 2xx answer), DEAD (every attempt failed).',
});

@ObjectType({
  simpleResolvers: true,
  description: 'A URL that receives the organization’s change events, signed.',
})
export class WebhookEndpoint {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  url!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => [String], { description: 'The event types sent; empty = every type.' })
  eventTypes!: string[];

  @Field(() => WebhookEndpointStatus)
  status!: DomainEndpointStatus;

  @Field(() => String, {
    nullable: true,
    description: '`manual`, or `failing` when disabled after 3 days of only failed deliveries.',
  })
  disabledReason!: string | null;

  @Field(() => Date, { nullable: true, description: 'The first failed attempt since the last success.' })
  failingSince!: Date | null;

  @Field(() => String)
  createdBy!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType({
  simpleResolvers: true,
  description: 'An endpoint with its signing secret: the only time the secret is returned.',
})
export class IssuedWebhookEndpoint {
  @Field(() => WebhookEndpoint)
  endpoint!: WebhookEndpoint;

  @Field(() => String, {
    description: '`whsec_…`: verify the `webhook-signature` header with it (Standard Webhooks).',
  })
  secret!: string;
}

@ObjectType({ simpleResolvers: true, description: 'One event sent (or to be sent) to one endpoint.' })
export class WebhookDelivery {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  endpointId!: string;

  @Field(() => ID, { description: 'The change event: the `webhook-id` header and the body’s `id`.' })
  eventId!: string;

  @Field(() => String)
  eventType!: string;

  @Field(() => ID)
  resourceId!: string;

  @Field(() => WebhookDeliveryStatus)
  status!: DomainDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far (8 at most).' })
  attempts!: number;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (PENDING only).' })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last answer; null if none came.' })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  lastError!: string | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({ simpleResolvers: true, description: 'A page of deliveries, newest first.' })
export class WebhookDeliveryPage {
  @Field(() => [WebhookDelivery])
  nodes!: WebhookDelivery[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
