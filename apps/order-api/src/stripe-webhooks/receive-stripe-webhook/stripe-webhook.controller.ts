import { Controller, Headers, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../auth/auth.decorators';
import type { RawBodyRequest } from '../../http/json-body.parser';
import { ORDER_API_CONFIG, type OrderApiConfig } from '../../order-api.config';
import { ReceiveStripeWebhookHandler } from './receive-stripe-webhook.handler';
import { verifyStripeEvent } from './stripe-signature.verifier';
import { WebhookNotConfiguredError, WebhookSignatureInvalidError } from './stripe-webhook.errors';

/**
 * Stripe's calls carry no bearer token (the signature authenticates them) and are not rate
 * limited: Stripe retries what it is refused, and a 429 would only delay reconciliation.
 */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller('webhooks')
export class StripeWebhookController {
  constructor(
    @Inject(ORDER_API_CONFIG) private readonly config: OrderApiConfig,
    private readonly receiveWebhook: ReceiveStripeWebhookHandler,
  ) {}

  @Post('stripe')
  @HttpCode(200)
  async receive(
    @Req() request: FastifyRequest & RawBodyRequest,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<{ received: true; duplicate: boolean }> {
    const secret = this.config.stripeWebhookSecret;
    if (!secret) throw new WebhookNotConfiguredError();
    if (!request.rawBody) throw new WebhookSignatureInvalidError('no JSON body to verify');
    const event = verifyStripeEvent(request.rawBody, signature, secret);
    const result = await this.receiveWebhook.execute(event);
    return { received: true, duplicate: result === 'duplicate' };
  }
}
