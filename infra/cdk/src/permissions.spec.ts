import { CONVEYOR_APPS } from '@conveyor/contracts';
import { messageFlows, queueAccessOf } from '@conveyor/messaging';
import type { ConveyorStackProps } from './conveyor-stack.props';
import { secretArnOf, TASK_SECRETS, type ConveyorTask } from './app-container';
import {
  queueLogicalId,
  resourcesOfType,
  STACK_VARIANTS,
  synthesizeStack,
  type SynthesizedStack,
  type StackVariant,
} from './conveyor-stack.fixtures';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Which task definition's role each role logical id is, by its `family` (`conveyor-<env>-<task>`). */
function roleOwners(synth: SynthesizedStack, roleKey: 'TaskRoleArn' | 'ExecutionRoleArn') {
  const owners = new Map<string, ConveyorTask>();
  for (const [, task] of resourcesOfType(synth.json, 'AWS::ECS::TaskDefinition')) {
    const role = (task[roleKey] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const family = String(task.Family).replace(`conveyor-${synth.props.envName}-`, '');
    owners.set(role, family as ConveyorTask);
  }
  return owners;
}

/** Every allowed (task, action, resource) triple of the template's policies, for `service`. */
function grants(synth: SynthesizedStack, service: string): string[] {
  const owners = new Map([
    ...roleOwners(synth, 'TaskRoleArn'),
    ...roleOwners(synth, 'ExecutionRoleArn'),
  ]);
  return resourcesOfType(synth.json, 'AWS::IAM::Policy').flatMap(([, policy]) => {
    const roles = (policy.Roles as { Ref: string }[]).map(
      (role) => owners.get(role.Ref) ?? role.Ref,
    );
    const statements = (policy.PolicyDocument as { Statement: Statement[] }).Statement;
    return statements.flatMap((statement) =>
      list(statement.Action)
        .filter((action) => action.startsWith(`${service}:`))
        .flatMap((action) =>
          roles.flatMap((role) =>
            list(statement.Resource).map((r) => `${role} ${action} ${JSON.stringify(r)}`),
          ),
        ),
    );
  });
}

describe.each(Object.keys(STACK_VARIANTS) as StackVariant[])('IAM of %s', (variant) => {
  const synth = () => synthesizeStack(variant);

  it('grants each app exactly the SQS actions queueAccessOf derives from the catalog', () => {
    const { json, stack } = synth();
    const queueArn = (name: string) =>
      JSON.stringify({ 'Fn::GetAtt': [queueLogicalId(json, name), 'Arn'] });
    const expected = CONVEYOR_APPS.flatMap((app) =>
      queueAccessOf(app).flatMap((access) => {
        const pair = stack.topology.pairs.find((candidate) => candidate.queue === access.queue)!;
        const name = pair[access.kind].name;
        return access.actions.map((action) => `${app} ${action} ${queueArn(name)}`);
      }),
    );
    expect([...grants(synth(), 'sqs')].sort()).toEqual([...new Set(expected)].sort());
  });

  it('lets every producer of the catalog send to the queues its messages go to', () => {
    const { json, stack } = synth();
    const granted = new Set(grants(synth(), 'sqs'));
    for (const flow of messageFlows()) {
      const pair = stack.topology.pairs.find((candidate) => candidate.queue === flow.queue)!;
      const arn = JSON.stringify({ 'Fn::GetAtt': [queueLogicalId(json, pair.work.name), 'Arn'] });
      expect(granted).toContain(`${flow.producer} sqs:SendMessage ${arn}`);
    }
  });

  it('has no wildcard action, and no "*" resource for SQS or Secrets Manager', () => {
    const statements = resourcesOfType(synth().json, 'AWS::IAM::Policy').flatMap(
      ([, policy]) => (policy.PolicyDocument as { Statement: Statement[] }).Statement,
    );
    for (const statement of statements) {
      for (const action of list(statement.Action)) expect(action).not.toMatch(/\*/);
      const actions = list(statement.Action);
      if (actions.some((a) => a.startsWith('sqs:') || a.startsWith('secretsmanager:'))) {
        expect(list(statement.Resource)).not.toContain('*');
      }
    }
  });

  it('lets each task read only its own secrets, through its own execution role', () => {
    const { stack } = synth();
    const expected = (Object.keys(TASK_SECRETS) as ConveyorTask[]).flatMap((task) =>
      [...new Set(Object.values(TASK_SECRETS[task]))].flatMap((id) => {
        const arn = JSON.stringify(stack.resolve(secretArnOf(id, stack.runtime).secretArn));
        return ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'].map(
          (action) => `${task} ${action} ${arn}`,
        );
      }),
    );
    expect([...grants(synth(), 'secretsmanager')].sort()).toEqual(expected.sort());
  });

  it('gives the Stripe webhook signing secret to the order API alone, which receives them', () => {
    const { stack } = synth();
    const secret = secretArnOf('stripe-webhook-secret', stack.runtime).secretArn;
    const arn = JSON.stringify(stack.resolve(secret));
    const readers = grants(synth(), 'secretsmanager')
      .filter((grant) => grant.endsWith(` ${arn}`))
      .map((grant) => grant.split(' ')[0]);
    expect(readers).toEqual(['order-api', 'order-api']);
    const holders = (Object.keys(TASK_SECRETS) as ConveyorTask[]).filter(
      (task) => TASK_SECRETS[task].STRIPE_WEBHOOK_SECRET,
    );
    expect(holders).toEqual(['order-api']);
  });

  it('gives the migrations task no queue at all', () => {
    expect(grants(synth(), 'sqs').filter((grant) => grant.startsWith('migrations '))).toEqual([]);
  });

  it('passes secrets only as ECS secrets, and a database URL without a password', () => {
    for (const [, task] of resourcesOfType(synth().json, 'AWS::ECS::TaskDefinition')) {
      const family = String(task.Family).replace(
        `conveyor-${STACK_VARIANTS[variant].envName}-`,
        '',
      );
      const [container] = task.ContainerDefinitions as {
        Environment: { Name: string; Value: unknown }[];
        Secrets: { Name: string }[];
      }[];
      const secretNames = Object.keys(TASK_SECRETS[family as ConveyorTask]);
      expect(container.Secrets.map((secret) => secret.Name).sort()).toEqual(secretNames.sort());
      const environment = container.Environment.map((entry) => entry.Name);
      for (const name of secretNames) expect(environment).not.toContain(name);
      const url = container.Environment.find((entry) => entry.Name === 'DATABASE_URL');
      expect(JSON.stringify(url?.Value)).toContain('postgres://conveyor@');
    }
  });

  it('injects each secret variable from the secret named after it, or the one given', () => {
    const { json } = synth();
    const props: ConveyorStackProps = synth().props;
    const prefix = `conveyor-${STACK_VARIANTS[variant].envName}-`;
    const secretNames = new Map(
      resourcesOfType(json, 'AWS::SecretsManager::Secret').map(([id, p]) => [id, p.Name]),
    );
    for (const [, task] of resourcesOfType(json, 'AWS::ECS::TaskDefinition')) {
      const [container] = task.ContainerDefinitions as {
        Secrets: { Name: string; ValueFrom: unknown }[];
      }[];
      for (const { Name, ValueFrom } of container.Secrets) {
        const source = JSON.stringify(ValueFrom);
        const given: Record<string, string | undefined> = {
          STRIPE_SECRET_KEY: props.stripeSecretKeyArn,
          STRIPE_WEBHOOK_SECRET: props.stripeWebhookSecretArn,
        };
        const existing = given[Name];
        if (Name === 'DATABASE_PASSWORD') {
          expect(source).toMatch(/DatabaseInstanceSecret.*:password::/);
        } else if (existing) {
          expect(ValueFrom).toBe(existing);
        } else {
          const ref = (ValueFrom as { Ref: string }).Ref;
          expect(secretNames.get(ref)).toBe(`${prefix}${Name.toLowerCase().replace(/_/g, '-')}`);
        }
      }
    }
  });
});
