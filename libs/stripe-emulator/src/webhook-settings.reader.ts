import { assertOnlyFields, ControlInputError } from './control-input';
import type { WebhookEndpoint, WebhookFlushOrder, WebhookSettings } from './emulator.types';

function checkUrl(url: unknown): string {
  const parsed = typeof url === 'string' && URL.canParse(url) ? new URL(url) : null;
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new ControlInputError(
      `the webhook url must be an http or https URL, got ${JSON.stringify(url)}`,
    );
  }
  return url as string;
}

function checkSecret(secret: unknown): string {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new ControlInputError('the webhook secret must be a non-empty string (whsec_…)');
  }
  return secret;
}

function checkBoolean(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') {
    throw new ControlInputError(`${name} must be true or false`);
  }
  return value;
}

/** An endpoint given at construction; the CLI checks the same before it starts. */
export function checkWebhookEndpoint(endpoint: WebhookEndpoint): WebhookEndpoint {
  return { url: checkUrl(endpoint.url), secret: checkSecret(endpoint.secret) };
}

/** The body of POST /_emulator/webhooks: `{ url?, secret?, enabled?, paused? }`. */
export function readWebhookSettings(input: Record<string, unknown>): WebhookSettings {
  assertOnlyFields(input, ['url', 'secret', 'enabled', 'paused']);
  const settings: WebhookSettings = {};
  if (input.url !== undefined) settings.url = checkUrl(input.url);
  if (input.secret !== undefined) settings.secret = checkSecret(input.secret);
  if (input.enabled !== undefined) settings.enabled = checkBoolean(input.enabled, 'enabled');
  if (input.paused !== undefined) settings.paused = checkBoolean(input.paused, 'paused');
  return settings;
}

/** The body of POST /_emulator/webhooks/flush: `{ order?: 'as-produced' | 'reverse' }`. */
export function readFlushOrder(input: Record<string, unknown>): WebhookFlushOrder {
  assertOnlyFields(input, ['order']);
  const order = input.order ?? 'as-produced';
  if (order !== 'as-produced' && order !== 'reverse') {
    throw new ControlInputError(
      `order must be 'as-produced' or 'reverse', got ${JSON.stringify(order)}`,
    );
  }
  return order;
}
