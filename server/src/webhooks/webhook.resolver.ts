import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ClientPrincipal } from '../auth/principal';
import { ConnectionArgs, toConnection } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import {
  deleteWebhookSubscription, disableWebhookSubscription, enableWebhookSubscription, rotateWebhookSecret, updateWebhookSubscription,
} from './change-webhook-subscription';
import { createWebhookSubscription } from './create-webhook-subscription';
import { redeliverWebhook } from './redeliver-webhook';
import { WebhookDeliveryStatus, WebhookEventType } from './webhook.entity';
import { deliveryPage, ownSubscriptions } from './webhook-queries';
import {
  CreateWebhookSubscriptionInput, CreateWebhookSubscriptionPayload, DeleteWebhookSubscriptionInput, DeleteWebhookSubscriptionPayload,
  DisableWebhookSubscriptionInput, EnableWebhookSubscriptionInput, EnableWebhookSubscriptionPayload, RedeliverWebhookInput, RedeliverWebhookPayload,
  RotateWebhookSecretInput, RotateWebhookSecretPayload, UpdateWebhookSubscriptionInput, WebhookDeliveryConnection, WebhookSubscription,
  WebhookSubscriptionPayload,
} from './webhook.types';

/** The shield lets only handlers, banks and intake clients through; this narrows the type. */
const client = (ctx: RequestContext) => ctx.principal as ClientPrincipal;
const WHO = 'Handlers, banks and intake clients, for their own organisation.';

@ArgsType()
class WebhookDeliveriesArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: 'Only those of this subscription.' })
  subscriptionId?: string | null;

  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only those in this state (e.g. FAILED, to redeliver them).' })
  status?: WebhookDeliveryStatus | null;

  @Field(() => WebhookEventType, { nullable: true, description: 'Only those of this event type.' })
  eventType?: WebhookEventType | null;
}

@Resolver()
export class WebhookResolver {
  @Query(() => [WebhookSubscription], { description: `Your organisation’s webhook subscriptions, oldest first (at most 10). ${WHO}` })
  webhookSubscriptions(@Ctx() ctx: RequestContext): Promise<WebhookSubscription[]> {
    return ownSubscriptions(ctx, client(ctx));
  }

  @Query(() => WebhookDeliveryConnection, { description: `Your organisation’s webhook delivery log, newest first: every delivery of the last 30 days with each attempt’s status code, error and duration. ${WHO}` })
  async webhookDeliveries(@Ctx() ctx: RequestContext, @Args() args: WebhookDeliveriesArgs): Promise<InstanceType<typeof WebhookDeliveryConnection>> {
    return toConnection(await deliveryPage(ctx, client(ctx), args), (delivery) => delivery);
  }

  @Mutation(() => CreateWebhookSubscriptionPayload, { description: `Subscribe your organisation to events, POSTed signed to your URL; answers the signing secret once. At most 10 per organisation. ${WHO}` })
  createWebhookSubscription(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The subscription.' }) input: CreateWebhookSubscriptionInput): Promise<CreateWebhookSubscriptionPayload> {
    return createWebhookSubscription(ctx, client(ctx), input);
  }

  @Mutation(() => WebhookSubscriptionPayload, { description: `Change a subscription’s URL, event types or description. ${WHO}` })
  updateWebhookSubscription(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The changes.' }) input: UpdateWebhookSubscriptionInput): Promise<WebhookSubscriptionPayload> {
    return updateWebhookSubscription(ctx, client(ctx), input);
  }

  @Mutation(() => RotateWebhookSecretPayload, { description: `Give a subscription a new signing secret, answered once; the old one keeps signing alongside it for the hours asked. ${WHO}` })
  rotateWebhookSecret(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The subscription.' }) input: RotateWebhookSecretInput): Promise<RotateWebhookSecretPayload> {
    return rotateWebhookSecret(ctx, client(ctx), input);
  }

  @Mutation(() => EnableWebhookSubscriptionPayload, { description: `Turn a disabled subscription on again (after your endpoint is fixed), optionally sending its recently failed deliveries again. ${WHO}` })
  enableWebhookSubscription(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The subscription.' }) input: EnableWebhookSubscriptionInput): Promise<EnableWebhookSubscriptionPayload> {
    return enableWebhookSubscription(ctx, client(ctx), input);
  }

  @Mutation(() => WebhookSubscriptionPayload, { description: `Stop sending to a subscription until it is enabled again; its pending deliveries fail. ${WHO}` })
  disableWebhookSubscription(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The subscription.' }) input: DisableWebhookSubscriptionInput): Promise<WebhookSubscriptionPayload> {
    return disableWebhookSubscription(ctx, client(ctx), input);
  }

  @Mutation(() => DeleteWebhookSubscriptionPayload, { description: `Delete a subscription and its delivery log. ${WHO}` })
  deleteWebhookSubscription(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The subscription.' }) input: DeleteWebhookSubscriptionInput): Promise<DeleteWebhookSubscriptionPayload> {
    return deleteWebhookSubscription(ctx, client(ctx), input);
  }

  @Mutation(() => RedeliverWebhookPayload, { description: `Send a finished delivery (failed, or delivered but lost on your side) once more, at once, with the same id and body. ${WHO}` })
  redeliverWebhook(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The delivery.' }) input: RedeliverWebhookInput): Promise<RedeliverWebhookPayload> {
    return redeliverWebhook(ctx, client(ctx), input);
  }
}
