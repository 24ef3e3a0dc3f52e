import { RemovalPolicy } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface AppSecretsProps {
  prefix: string;
  production: boolean;
  /** Complete ARNs of Stripe secrets made beforehand; otherwise the stack creates them. */
  stripeSecretKeyArn?: string;
  stripeWebhookSecretArn?: string;
}

/**
 * The apps' own secrets. The JWT secret is generated; the Stripe values exist only in Stripe's
 * dashboard, so a secret the stack creates starts with a random value, which the payment worker
 * (not shaped sk_…) and the order API (not shaped whsec_…) refuse, until the operator puts the
 * real one. An existing secret (its ARN as a prop) lets the first deployment start them at once.
 */
export class AppSecrets extends Construct {
  readonly jwtSecret: secretsmanager.Secret;
  readonly stripeSecretKey: secretsmanager.ISecret;
  readonly stripeWebhookSecret: secretsmanager.ISecret;
  /** The keyrings of personal data in messages, one per audience (docs/personal-data.md). */
  readonly personalDataKeys: { shipping: secretsmanager.ISecret; payment: secretsmanager.ISecret };

  constructor(scope: Construct, id: string, props: AppSecretsProps) {
    super(scope, id);
    const removalPolicy = props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.jwtSecret = new secretsmanager.Secret(this, 'JwtSecret', {
      secretName: `${props.prefix}auth-jwt-secret`,
      description: 'AUTH_JWT_SECRET of the order API (HS256 token signing key)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });
    this.stripeSecretKey = this.operatorFilled(
      props.stripeSecretKeyArn,
      'StripeSecretKey',
      `${props.prefix}stripe-secret-key`,
      'STRIPE_SECRET_KEY of the payment worker: put the sk_live_… or rk_live_… key here',
      removalPolicy,
    );
    this.stripeWebhookSecret = this.operatorFilled(
      props.stripeWebhookSecretArn,
      'StripeWebhookSecret',
      `${props.prefix}stripe-webhook-secret`,
      'STRIPE_WEBHOOK_SECRET of the order API: put the signing secret (whsec_…) of the Stripe webhook endpoint https://<host>/webhooks/stripe here',
      removalPolicy,
    );
    // Operator-filled like the Stripe key: the generated value is no keyring, so the apps
    // refuse to start, saying what to set, rather than encrypt under a key nobody chose.
    const keyring = (variable: string, readers: string) =>
      `${variable} of ${readers}: kid:base64key[,previousKid:base64key], e.g. k1:$(openssl rand -base64 32)`;
    this.personalDataKeys = {
      shipping: this.operatorFilled(
        undefined,
        'PiiKeysShipping',
        `${props.prefix}pii-keys-shipping`,
        keyring('PII_KEYS_SHIPPING', 'the order API and the shipping worker'),
        removalPolicy,
      ),
      payment: this.operatorFilled(
        undefined,
        'PiiKeysPayment',
        `${props.prefix}pii-keys-payment`,
        keyring('PII_KEYS_PAYMENT', 'the order API and the payment worker'),
        removalPolicy,
      ),
    };
  }

  private operatorFilled(
    existingArn: string | undefined,
    id: string,
    secretName: string,
    description: string,
    removalPolicy: RemovalPolicy,
  ): secretsmanager.ISecret {
    if (existingArn) return secretsmanager.Secret.fromSecretCompleteArn(this, id, existingArn);
    return new secretsmanager.Secret(this, id, {
      secretName,
      description,
      generateSecretString: { passwordLength: 32, excludePunctuation: true },
      removalPolicy,
    });
  }
}
