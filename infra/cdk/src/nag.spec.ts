import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { addConveyorStack } from './conveyor.app';
import { ConveyorStack } from './conveyor.stack';
import type { ConveyorStackProps } from './conveyor-stack.props';
import { REPO_ROOT, STACK_VARIANTS } from './conveyor-stack.fixtures';
import { NAG_ACKNOWLEDGEMENTS } from './nag-acknowledgements';

/** The images CDK builds itself: the default of `cdk synth`, and the one more nag finding. */
const VARIANTS: Record<string, ConveyorStackProps> = {
  ...Object.fromEntries(
    Object.entries(STACK_VARIANTS).map(([name, props]) => [
      name,
      { ...props, repoRoot: REPO_ROOT },
    ]),
  ),
  'dev-asset': { ...STACK_VARIANTS['dev-standard'], imageSource: 'asset', repoRoot: REPO_ROOT },
};

const outdir = () => mkdtempSync(path.join(tmpdir(), 'conveyor-nag-'));

function acknowledgedRules(scope: IConstruct): { id: string; reason: string }[] {
  return scope.node.findAll().flatMap((node) =>
    node.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      // Each entry is { [rule id]: reason }.
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          id,
          reason,
        })),
      ),
  );
}

describe.each(Object.keys(VARIANTS))('cdk-nag AwsSolutions on %s', (variant) => {
  const props = VARIANTS[variant];

  it('finds nothing unacknowledged, and synthesis passes its validation', () => {
    const app = new App({ outdir: outdir() });
    const { stack, nag } = addConveyorStack(app, props);
    expect(nag.validateScope(stack).violations).toEqual([]);
    expect(() => app.synth()).not.toThrow();
    const acknowledged = acknowledgedRules(stack);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { reason } of acknowledged) expect(reason.trim().length).toBeGreaterThan(20);
  });

  it('acknowledges only findings that arise: each acknowledgement silences a real one', () => {
    const app = new App({ outdir: outdir() });
    const stack = new ConveyorStack(app, props);
    const findings = new AwsSolutionsChecks(app)
      .validateScope(stack)
      .violations.flatMap((violation) =>
        violation.violatingResources.map(
          (resource) => `${violation.ruleName} ${resource.constructPath}`,
        ),
      );
    const applied = NAG_ACKNOWLEDGEMENTS.filter((ack) => !ack.appliesTo || ack.appliesTo(props));
    const expected = applied.flatMap((ack) =>
      findings.filter((finding) => {
        const [rule, constructPath] = finding.split(' ') as [string, string];
        return rule === ack.rule && constructPath.startsWith(`${stack.stackName}/${ack.path}/`);
      }),
    );
    expect([...new Set(expected)].sort()).toEqual([...new Set(findings)].sort());
    for (const ack of applied) {
      expect(
        findings.some((finding) =>
          finding.startsWith(`${ack.rule} ${stack.stackName}/${ack.path}/`),
        ),
      ).toBe(true);
    }
  });
});

it('refuses an acknowledgement without a reason', () => {
  for (const ack of NAG_ACKNOWLEDGEMENTS) expect(ack.reason.trim()).not.toBe('');
});
