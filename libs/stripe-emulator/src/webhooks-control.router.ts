import {
  answerControl,
  parseJsonObject,
  type ControlAnswer,
  type ControlRoutes,
} from './control-input';
import type { WebhookDispatcher } from './webhook.dispatcher';
import { readFlushOrder, readWebhookSettings } from './webhook-settings.reader';

/**
 * /_emulator/webhooks: the deliveries' state (GET), the endpoint and pause switch (POST), and a
 * flush of the events held while paused, as produced or in reverse: how a test makes events
 * arrive out of order.
 */
export class WebhooksControlRouter implements ControlRoutes {
  constructor(private readonly webhooks: WebhookDispatcher) {}

  handle(route: string, body: string): ControlAnswer | null {
    switch (route) {
      case 'GET /_emulator/webhooks':
        return { status: 200, body: this.webhooks.view() };
      case 'POST /_emulator/webhooks':
        return answerControl(() =>
          this.webhooks.configure(readWebhookSettings(parseJsonObject(body))),
        );
      case 'POST /_emulator/webhooks/flush':
        return answerControl(() => {
          const order = readFlushOrder(parseJsonObject(body));
          // Answers once the events are handed to the sender; GET shows when they arrive.
          const flushed = this.webhooks.flush(order);
          return { flushed, order, ...this.webhooks.view() };
        });
      default:
        return null;
    }
  }
}
