import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConveyorStack } from './conveyor.stack';
import type { ConveyorStackProps } from './conveyor-stack.props';
import { acknowledgeNagFindings } from './nag-acknowledgements';

export interface ConveyorCdkApp {
  stack: ConveyorStack;
  nag: AwsSolutionsChecks;
}

/** Adds the environment's stack to `app`, checked by cdk-nag's AwsSolutions pack at synthesis. */
export function addConveyorStack(app: App, props: ConveyorStackProps): ConveyorCdkApp {
  const stack = new ConveyorStack(app, props);
  const nag = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins(nag);
  acknowledgeNagFindings(stack, props);
  return { stack, nag };
}
