import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { DatabaseSize } from './conveyor-stack.props';

export const DATABASE_NAME = 'conveyor';
export const DATABASE_USER = 'conveyor';

export interface DatabaseProps {
  vpc: ec2.IVpc;
  size: DatabaseSize;
  production: boolean;
}

/** One PostgreSQL for every service (a schema each), TLS only, its password rotated. */
export class ConveyorDatabase extends Construct {
  readonly instance: rds.DatabaseInstance;
  readonly secret: secretsmanager.ISecret;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const engine = rds.DatabaseInstanceEngine.postgres({
      version: rds.PostgresEngineVersion.VER_17_5,
    });
    const parameterGroup = new rds.ParameterGroup(this, 'Parameters', {
      engine,
      parameters: { 'rds.force_ssl': '1' },
    });
    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      engine,
      parameterGroup,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      instanceType: new ec2.InstanceType(props.size.instanceType),
      databaseName: DATABASE_NAME,
      credentials: rds.Credentials.fromGeneratedSecret(DATABASE_USER),
      storageEncrypted: true,
      allocatedStorage: props.size.allocatedStorageGiB,
      maxAllocatedStorage: props.size.maxAllocatedStorageGiB,
      multiAz: props.size.multiAz,
      backupRetention: Duration.days(props.size.backupRetentionDays),
      deletionProtection: props.production,
      removalPolicy: props.production ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      cloudwatchLogsExports: ['postgresql', 'upgrade'],
      enablePerformanceInsights: true,
      autoMinorVersionUpgrade: true,
    });
    if (!this.instance.secret) throw new Error('RDS generated no secret for its credentials');
    this.secret = this.instance.secret;
    // Tasks receive the password when they start: a rotation is followed by a new deployment
    // of every service (docs/deploy.md), or new connections of old tasks fail.
    this.instance.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });
  }
}
