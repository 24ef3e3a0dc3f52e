import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addConveyorStack, type ConveyorCdkApp } from './conveyor.app';
import type { ConveyorStackProps } from './conveyor-stack.props';
import { ENVIRONMENT_PRESETS } from './environment.presets';

/** Test variants: development with standard queues, production with FIFO and a private ECR. */
export const STACK_VARIANTS = {
  'dev-standard': {
    envName: 'dev',
    queueMode: 'standard',
    maxReceiveCount: 5,
    sizes: ENVIRONMENT_PRESETS.dev,
    imageSource: 'registry',
    registry: 'ghcr.io/example',
  },
  'prod-fifo': {
    envName: 'prod',
    queueMode: 'fifo',
    maxReceiveCount: 3,
    sizes: ENVIRONMENT_PRESETS.prod,
    imageSource: 'registry',
    registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
    certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/test',
    databaseCaFile: '/etc/ssl/certs/rds-global-bundle.pem',
    stripeSecretKeyArn:
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:conveyor-prod-stripe-secret-key-AbCdEf',
    stripeWebhookSecretArn:
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:conveyor-prod-stripe-webhook-secret-GhIjKl',
  },
} as const satisfies Record<string, Omit<ConveyorStackProps, 'repoRoot'>>;
export type StackVariant = keyof typeof STACK_VARIANTS;

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface SynthesizedStack extends ConveyorCdkApp {
  app: App;
  props: ConveyorStackProps;
  template: Template;
  /** The template as JSON, for walking every resource. */
  json: CloudFormationTemplate;
}

export interface CloudFormationResource {
  Type: string;
  Properties?: Record<string, unknown>;
}
export interface CloudFormationTemplate {
  Resources: Record<string, CloudFormationResource>;
}

const synthesized = new Map<string, SynthesizedStack>();

/** Each variant synthesized once per test file (synthesis takes seconds). */
export function synthesizeStack(variant: StackVariant): SynthesizedStack {
  const cached = synthesized.get(variant);
  if (cached) return cached;
  const props: ConveyorStackProps = { ...STACK_VARIANTS[variant], repoRoot: REPO_ROOT };
  const app = new App({ outdir: mkdtempSync(path.join(tmpdir(), 'conveyor-cdk-')) });
  const built = addConveyorStack(app, props);
  const template = Template.fromStack(built.stack);
  const result = {
    ...built,
    app,
    props,
    template,
    json: template.toJSON() as CloudFormationTemplate,
  };
  synthesized.set(variant, result);
  return result;
}

/** Every resource of one type, by logical id. */
export function resourcesOfType(
  json: CloudFormationTemplate,
  type: string,
): [string, Record<string, unknown>][] {
  return Object.entries(json.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id, resource]) => [id, resource.Properties ?? {}]);
}

/** The logical id of the queue named `name`. */
export function queueLogicalId(json: CloudFormationTemplate, name: string): string {
  const found = resourcesOfType(json, 'AWS::SQS::Queue').find(([, p]) => p.QueueName === name);
  if (!found) throw new Error(`No queue named ${name} in the template`);
  return found[0];
}
