import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type {
  IssuedWebhookEndpoint as IssuedRecord,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
} from '../../domain/webhooks/webhook';
import type { GraphqlContext } from '../context';
import { CreateWebhookEndpointInput, WebhookDeliveriesArgs } from '../inputs/webhook.input';
import {
  IssuedWebhookEndpoint,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookEndpoint,
} from '../types/webhook.type';

type EndpointView = WebhookEndpointRecord & { eventTypes: string[] };
const view = (endpoint: WebhookEndpointRecord): EndpointView => ({
  ...endpoint,
  eventTypes: [...endpoint.eventTypes],
});
const issued = (value: IssuedRecord) => ({ endpoint: view(value.endpoint), secret: value.secret });

/** Webhook endpoints and their deliveries, of the caller's organization (identity:admin). */
@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Query(() => [WebhookEndpoint], { description: "The organization's webhook endpoints, oldest first." })
  async webhookEndpoints(@Ctx() { request, services }: GraphqlContext): Promise<EndpointView[]> {
    return (await services.webhookEndpoints.list(request)).map(view);
  }

  @Query(() => WebhookEndpoint, { nullable: true, description: 'One endpoint; null when none has this id.' })
  async webhookEndpoint(
    @Arg('id', () => ID) id: string,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<EndpointView | null> {
    const found = await services.webhookEndpoints.find(request, id);
    return found && view(found);
  }

  @Query(() => WebhookDeliveryPage, { description: "An endpoint's deliveries, newest first." })
  async webhookDeliveries(
    @Args(() => WebhookDeliveriesArgs) args: WebhookDeliveriesArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<WebhookDeliveryPage> {
    const page = await services.webhookDeliveries.list(request, args);
    return {
      nodes: [...page.deliveries],
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: args.after != null,
        startCursor: null,
        endCursor: page.endCursor,
      },
    };
  }

  @Mutation(() => IssuedWebhookEndpoint, {
    description:
      'Registers an endpoint; it receives the events committed from now on. The secret is in this answer and nowhere else.',
  })
  async createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
    @Ctx() { request, services }: GraphqlContext,
  ) {
    return issued(await services.webhookEndpoints.create(request, input));
  }

  @Mutation(() => IssuedWebhookEndpoint, {
    description:
      'A new signing secret. For 24 hours the old one signs too (two `v1,` signatures), so receivers can switch without losing deliveries.',
  })
  async rotateWebhookSecret(@Arg('id', () => ID) id: string, @Ctx() { request, services }: GraphqlContext) {
    return issued(await services.webhookEndpoints.rotateSecret(request, id));
  }

  @Mutation(() => WebhookEndpoint, { description: 'Stops sending (idempotent); pending deliveries wait.' })
  async disableWebhookEndpoint(
    @Arg('id', () => ID) id: string,
    @Ctx() { request, services }: GraphqlContext,
  ) {
    return view(await services.webhookEndpoints.disable(request, id));
  }

  @Mutation(() => WebhookEndpoint, {
    description: 'Resumes sending (idempotent), with the events of the disabled time.',
  })
  async enableWebhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() { request, services }: GraphqlContext) {
    return view(await services.webhookEndpoints.enable(request, id));
  }

  @Mutation(() => WebhookEndpoint, {
    description: 'Deletes the endpoint and its deliveries; returns it as it was.',
  })
  async deleteWebhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() { request, services }: GraphqlContext) {
    return view(await services.webhookEndpoints.delete(request, id));
  }

  @Mutation(() => WebhookDelivery, {
    description: 'Sends the delivery’s event again, as a new delivery due now (a dead one included).',
  })
  redeliver(
    @Arg('deliveryId', () => ID) deliveryId: string,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<WebhookDeliveryRecord> {
    return services.webhookDeliveries.redeliver(request, deliveryId);
  }

  @Mutation(() => Int, {
    description:
      'Sends again every event already sent to the endpoint that occurred at or after `since`; returns how many.',
  })
  replayEvents(
    @Arg('endpointId', () => ID) endpointId: string,
    @Arg('since', () => Date) since: Date,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<number> {
    return services.webhookDeliveries.replay(request, endpointId, since);
  }
}
