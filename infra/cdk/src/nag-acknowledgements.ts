import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { TASK_SECRETS } from './app-container';
import { pullsFromEcr } from './container-images';
import type { ConveyorStack } from './conveyor.stack';
import type { ConveyorStackProps } from './conveyor-stack.props';

export interface NagAcknowledgement {
  /** The construct's path below the stack; the acknowledgement covers it and its children. */
  path: string;
  rule: string;
  reason: string;
  /** Only where the finding arises (development's database is single-AZ and deletable, …). */
  appliesTo?: (props: ConveyorStackProps) => boolean;
}

const outsideProduction = (props: ConveyorStackProps) => !props.sizes.production;

const TASKS = Object.keys(TASK_SECRETS);

/** Each finding the design accepts, with the reason it is accepted. */
export const NAG_ACKNOWLEDGEMENTS: readonly NagAcknowledgement[] = [
  ...TASKS.map((task) => ({
    path: `Apps/${task}-task/ExecutionRole`,
    rule: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'ecr:GetAuthorizationToken (the registry login before a pull) has no resource-level permissions; the pull actions name the one repository',
    appliesTo: pullsFromEcr,
  })),
  ...TASKS.map((task) => ({
    path: `Apps/${task}-task`,
    rule: 'AwsSolutions-ECS2',
    reason:
      'Only non-secret configuration (database host, queue prefix, mode, TLS mode) is plain environment; every secret is an ECS secret from Secrets Manager',
  })),
  {
    path: 'Database/Instance',
    rule: 'AwsSolutions-RDS11',
    reason:
      'The database sits in private subnets and its security group admits only the app and migrations tasks; another port would hide nothing',
  },
  {
    path: 'Secrets/JwtSecret',
    rule: 'AwsSolutions-SMG4',
    reason:
      'The order API verifies tokens with a single HS256 key read at start; rotating it invalidates every token issued, so it is rotated by the operator with a redeploy (docs/deploy.md)',
  },
  ...(['StripeSecretKey', 'StripeWebhookSecret'] as const).map((id) => ({
    path: `Secrets/${id}`,
    rule: 'AwsSolutions-SMG4',
    reason:
      'Stripe issues this value; it is rolled in the Stripe dashboard and then put here, which no rotation Lambda can do',
    appliesTo: (props: ConveyorStackProps) =>
      !(id === 'StripeSecretKey' ? props.stripeSecretKeyArn : props.stripeWebhookSecretArn),
  })),
  ...(['PiiKeysShipping', 'PiiKeysPayment'] as const).map((id) => ({
    path: `Secrets/${id}`,
    rule: 'AwsSolutions-SMG4',
    reason:
      'A keyring of personal data in messages is rotated in stages (new key to the readers, then current on the producer, old key dropped after the DLQ retention; docs/personal-data.md), which no single-value rotation Lambda does',
  })),
  {
    path: 'Ingress/LoadBalancer',
    rule: 'AwsSolutions-ELB2',
    reason:
      'The stack is environment-agnostic and ELB access logging needs a known region for its bucket policy; request logs are the order API own JSON logs in CloudWatch',
  },
  {
    path: 'Ingress/LoadBalancer/SecurityGroup',
    rule: 'AwsSolutions-EC23',
    reason:
      'The public order API: the load balancer accepts 443 (and 80, redirected to 443) from anywhere by design',
  },
  {
    path: 'Database/Instance',
    rule: 'AwsSolutions-RDS3',
    reason: 'Development preset: a single-AZ database is enough for a disposable environment',
    appliesTo: outsideProduction,
  },
  {
    path: 'Database/Instance',
    rule: 'AwsSolutions-RDS10',
    reason: 'Development preset: the environment is meant to be deleted with its stack',
    appliesTo: outsideProduction,
  },
];

export function acknowledgeNagFindings(stack: ConveyorStack, props: ConveyorStackProps): void {
  for (const { path, rule, reason, appliesTo } of NAG_ACKNOWLEDGEMENTS) {
    if (appliesTo && !appliesTo(props)) continue;
    const scope = path.split('/').reduce<IConstruct>((node, id) => node.node.findChild(id), stack);
    Validations.of(scope).acknowledge({ id: rule, reason });
  }
}
