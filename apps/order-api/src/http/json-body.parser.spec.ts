import type { FastifyRequest } from 'fastify';
import {
  JsonBodyError,
  MAX_JSON_DEPTH,
  parseJsonBody,
  type RawBodyRequest,
} from './json-body.parser';

function parse(
  text: string,
  request = { url: '/orders' },
): { error: Error | null; value?: unknown } {
  let outcome: { error: Error | null; value?: unknown } = { error: null };
  parseJsonBody(
    request as FastifyRequest,
    Buffer.from(text),
    (error, value) => (outcome = { error, value }),
  );
  return outcome;
}

describe('parseJsonBody', () => {
  it('keeps the raw bytes only for the Stripe webhook, whose signature covers them', () => {
    const webhook: RawBodyRequest & { url: string } = { url: '/webhooks/stripe' };
    const order: RawBodyRequest & { url: string } = { url: '/orders' };
    parse('{"id":"evt_1"}', webhook);
    parse('{"id":"evt_1"}', order);
    expect(webhook.rawBody?.toString()).toBe('{"id":"evt_1"}');
    expect(order.rawBody).toBeUndefined();
  });

  it('parses ordinary JSON', () => {
    expect(parse('{"items":[{"sku":"A","quantity":1}]}')).toEqual({
      error: null,
      value: { items: [{ sku: 'A', quantity: 1 }] },
    });
  });

  it('refuses malformed JSON with a 400', () => {
    const { error } = parse('{"items": [');
    expect(error).toBeInstanceOf(JsonBodyError);
    expect((error as JsonBodyError).statusCode).toBe(400);
  });

  it('refuses nesting deeper than the limit, however deep, without recursion', () => {
    expect(parse(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`).error).toBeNull();
    expect(
      parse(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`).error?.message,
    ).toMatch(/deeper/);
    expect(parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`).error?.message).toMatch(/deeper/);
  });

  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'])(
    'refuses the reserved key %s at any level',
    (key) => {
      expect(parse(`{"${key}":1}`).error?.message).toContain(key);
      expect(parse(`{"a":[{"b":{"${key}":{}}}]}`).error?.message).toContain(key);
    },
  );
});
