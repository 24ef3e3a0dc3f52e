import { parseArgs } from 'node:util';
import type { StripeEmulatorOptions, WebhookEndpoint } from '@conveyor/stripe-emulator';
import { UsageError } from '../cli/command-line';

export const USAGE = `usage: node dist/tools/stripe-emulator/stripe-emulator.main.js [--port 12111] [--host 127.0.0.1]
       [--webhook-url <url> --webhook-secret <whsec_...>]
  the local Stripe API emulator (docs: docs/stripe-emulator.md); --host 0.0.0.0 in a
  container; with --webhook-url and --webhook-secret it POSTs signed webhooks for its events`;

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535)
    throw new UsageError(`--port must be 0 to 65535, got ${raw}`);
  return port;
}

/** Both flags or neither: a URL without its secret could only send webhooks nobody can verify. */
function parseWebhook(
  url: string | undefined,
  secret: string | undefined,
): WebhookEndpoint | undefined {
  if (url === undefined && secret === undefined) return undefined;
  if (url === undefined || secret === undefined)
    throw new UsageError('--webhook-url and --webhook-secret go together: give both or neither');
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol))
    throw new UsageError(`--webhook-url must be an http or https URL, got ${url}`);
  if (!/^whsec_\S+$/.test(secret))
    throw new UsageError('--webhook-secret must be a signing secret shaped whsec_…');
  return { url, secret };
}

/** The command line as startStripeEmulator options; a mistake is a UsageError (exit 2). */
export function parseEmulatorFlags(args: string[]): StripeEmulatorOptions {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '12111' },
      host: { type: 'string', default: '127.0.0.1' },
      'webhook-url': { type: 'string' },
      'webhook-secret': { type: 'string' },
    },
  });
  const webhook = parseWebhook(values['webhook-url'], values['webhook-secret']);
  return { port: parsePort(values.port), host: values.host, ...(webhook ? { webhook } : {}) };
}
