import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './conveyor-stack.fixtures';

const run = promisify(execFile);
const CDK = path.join(REPO_ROOT, 'node_modules/aws-cdk/bin/cdk');

/** `cdk synth` as an operator runs it from the root: cdk.json's app, the built entry in dist/. */
async function synth(context: string[]): Promise<{ output: string; stderr: string }> {
  const output = mkdtempSync(path.join(tmpdir(), 'conveyor-synth-'));
  const args = ['synth', '--no-notices', '--quiet', '--output', output];
  const { stderr } = await run(
    process.execPath,
    [CDK, ...args, ...context.flatMap((entry) => ['-c', entry])],
    { cwd: REPO_ROOT },
  );
  return { output, stderr };
}

describe('cdk synth of the entry point', () => {
  jest.setTimeout(60_000);

  it('builds the stack the context names, with no AWS account or region', async () => {
    const { output } = await synth([
      'env=prod',
      'queueMode=fifo',
      'imageSource=registry',
      'registry=registry.example.com',
    ]);
    const template = JSON.parse(
      readFileSync(path.join(output, 'conveyor-prod.template.json'), 'utf8'),
    ) as { Resources: Record<string, { Type: string; Properties: { QueueName?: string } }> };
    const queues = Object.values(template.Resources).filter((r) => r.Type === 'AWS::SQS::Queue');
    expect(queues.map((queue) => queue.Properties.QueueName)).toContain(
      'conveyor-prod-payments.fifo',
    );
    const manifest = readFileSync(path.join(output, 'manifest.json'), 'utf8');
    expect(manifest).toContain('aws://unknown-account/unknown-region');
  });

  it('refuses a context value it does not know, naming the option', async () => {
    await expect(synth(['queueMode=lifo'])).rejects.toMatchObject({
      stderr: expect.stringContaining('-c queueMode'),
    });
  });
});
