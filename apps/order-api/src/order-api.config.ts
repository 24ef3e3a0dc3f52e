import { z } from 'zod';
import {
  envFields,
  loadConfig,
  personalDataKeyFields,
  personalDataKeyring,
  serviceEnvSchemaWith,
  toServiceConfig,
} from '@conveyor/config';
import type { VerifierOptions } from '@conveyor/auth';

const orderApiEnvSchema = serviceEnvSchemaWith({
  HTTP_PORT: envFields.port(3000),
  // Status updates share this process's CPU and pool with POST /orders: few at a time keeps the
  // API's latency flat while a backlog drains (docs/performance.md); batches stay ten.
  CONSUMER_CONCURRENCY: envFields.positiveInt(2, 500),
  AUTH_JWT_SECRET: z
    .string()
    .min(32, 'AUTH_JWT_SECRET must be at least 32 characters of random data')
    .optional(),
  AUTH_JWKS_URL: envFields.url.optional(),
  AUTH_JWKS_ISSUER: z.string().optional(),
  AUTH_JWKS_AUDIENCE: z.string().optional(),
  CORS_ALLOWED_ORIGINS: z.string().default(''),
  RATE_LIMIT_REQUESTS: envFields.positiveInt(300, 1_000_000),
  RATE_LIMIT_WINDOW_SECONDS: envFields.positiveInt(60, 3600),
  RECONCILER_INTERVAL_SECONDS: envFields.positiveInt(30, 3600),
  RECONCILER_STUCK_AFTER_SECONDS: envFields.positiveInt(120, 86_400),
  /** How often conveyor_orders{status} is recounted from the orders table. */
  ORDER_METRICS_INTERVAL_SECONDS: envFields.positiveInt(15, 3600),
  /**
   * The workers' /metrics URLs, comma-separated: where the console reads the depths and message
   * wait of the queues this process does not consume. Unset, it says they are not measured here.
   */
  CONSOLE_METRICS_URLS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(z.array(envFields.url)),
  /** Optional: where the console reads an order's trace (the local OTLP receiver's base URL). */
  TRACES_QUERY_URL: envFields.url.optional(),
  /**
   * The signing secret of Stripe's webhook endpoint (whsec_…; locally the Stripe emulator signs
   * with it). Required in production; elsewhere, unset, POST /webhooks/stripe answers 503
   * WEBHOOK.NOT_CONFIGURED. Letters and digits only, as Stripe issues it: the log masking
   * recognises whsec_ and such characters, and would hide only part of anything else.
   */
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(
      /^whsec_[A-Za-z0-9_]+$/,
      'STRIPE_WEBHOOK_SECRET must start with whsec_ (then letters and digits): the signing secret of the Stripe webhook endpoint',
    )
    .optional(),
  /** Local demos only: the storefront hands out customer tokens to anyone who asks. */
  DEMO_SIGN_IN: envFields.booleanFlag,
  // The order API seals both fields of personal data its messages carry (docs/personal-data.md).
  ...personalDataKeyFields('shipping', 'payment'),
})
  .refine((env) => env.AUTH_JWT_SECRET || env.AUTH_JWKS_URL, {
    message:
      'set AUTH_JWT_SECRET (HS256, 32+ characters) or AUTH_JWKS_URL (RS256 identity provider)',
    path: ['AUTH_JWT_SECRET'],
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.STRIPE_WEBHOOK_SECRET === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['STRIPE_WEBHOOK_SECRET'],
        message:
          'set STRIPE_WEBHOOK_SECRET to the signing secret (whsec_…) of the Stripe webhook endpoint https://<host>/webhooks/stripe',
      });
    }
  })
  .superRefine((env, ctx) => {
    if (!env.DEMO_SIGN_IN) return;
    if (env.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['DEMO_SIGN_IN'],
        message: 'a local-demo switch that signs anyone in: unset it when NODE_ENV=production',
      });
    } else if (!env.AUTH_JWT_SECRET || env.AUTH_JWKS_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DEMO_SIGN_IN'],
        message:
          'demo sign-in signs tokens with AUTH_JWT_SECRET: set it (and not AUTH_JWKS_URL), or unset DEMO_SIGN_IN',
      });
    }
  });

export function loadOrderApiConfig(source?: Record<string, string | undefined>) {
  const env = loadConfig(orderApiEnvSchema, source);
  const auth: VerifierOptions = env.AUTH_JWKS_URL
    ? {
        kind: 'jwks',
        url: env.AUTH_JWKS_URL,
        issuer: env.AUTH_JWKS_ISSUER,
        audience: env.AUTH_JWKS_AUDIENCE,
      }
    : { kind: 'hs256', secret: env.AUTH_JWT_SECRET! };
  return {
    ...toServiceConfig(env),
    httpPort: env.HTTP_PORT,
    consumerConcurrency: env.CONSUMER_CONCURRENCY,
    auth,
    corsAllowedOrigins: env.CORS_ALLOWED_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    rateLimit: { requests: env.RATE_LIMIT_REQUESTS, windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS },
    reconciler: {
      intervalSeconds: env.RECONCILER_INTERVAL_SECONDS,
      stuckAfterSeconds: env.RECONCILER_STUCK_AFTER_SECONDS,
    },
    orderMetricsIntervalSeconds: env.ORDER_METRICS_INTERVAL_SECONDS,
    tracesQueryUrl: env.TRACES_QUERY_URL,
    docsEnabled: env.NODE_ENV !== 'production',
    console: { metricsUrls: env.CONSOLE_METRICS_URLS },
    personalData: {
      shipping: personalDataKeyring(env, 'shipping'),
      payment: personalDataKeyring(env, 'payment'),
    },
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET,
    /** The HS256 secret the storefront's demo sign-in signs with; undefined when it is off. */
    demoSignIn: env.DEMO_SIGN_IN ? { secret: env.AUTH_JWT_SECRET! } : undefined,
  };
}

export type OrderApiConfig = ReturnType<typeof loadOrderApiConfig>;
export const ORDER_API_CONFIG = Symbol('ORDER_API_CONFIG');
