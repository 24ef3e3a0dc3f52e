import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { APP_IMAGE_PORTS } from '../../../tools/images/image.catalog';
import type { EnvironmentSizes } from './conveyor-stack.props';

export interface OrderApiIngressProps {
  vpc: ec2.IVpc;
  service: ecs.FargateService;
  sizes: EnvironmentSizes;
  certificateArn?: string;
}

/** The order API behind a public HTTPS load balancer, scaled on requests per task and CPU. */
export class OrderApiIngress extends Construct {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;

  constructor(scope: Construct, id: string, props: OrderApiIngressProps) {
    super(scope, id);
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      dropInvalidHeaderFields: true,
    });
    this.loadBalancer.addRedirect();
    const listener = this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      certificates: [elbv2.ListenerCertificate.fromArn(this.certificateArn(props))],
    });
    this.targetGroup = listener.addTargets('OrderApi', {
      port: APP_IMAGE_PORTS['order-api'],
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [props.service],
      // Shorter than the container's stop timeout: requests drain before SIGTERM's deadline.
      deregistrationDelay: Duration.seconds(30),
      healthCheck: {
        path: '/health/ready',
        interval: Duration.seconds(15),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
    });
    this.autoscale(props);
  }

  private certificateArn(props: OrderApiIngressProps): string {
    if (props.certificateArn) return props.certificateArn;
    // At the stack's top level, so that `cdk deploy --parameters CertificateArn=…` names it.
    return new CfnParameter(Stack.of(this), 'CertificateArn', {
      type: 'String',
      description: 'ACM certificate ARN of the order API HTTPS listener',
      allowedPattern: '^arn:aws[a-z-]*:acm:.+',
    }).valueAsString;
  }

  private autoscale(props: OrderApiIngressProps): void {
    const size = props.sizes.services['order-api'];
    const scaling = props.service.autoScaleTaskCount({
      minCapacity: size.minTasks,
      maxCapacity: size.maxTasks,
    });
    scaling.scaleOnRequestCount('Requests', {
      requestsPerTarget: props.sizes.apiRequestsPerTarget,
      targetGroup: this.targetGroup,
    });
    scaling.scaleOnCpuUtilization('Cpu', {
      targetUtilizationPercent: props.sizes.apiCpuTargetPercent,
    });
  }
}
