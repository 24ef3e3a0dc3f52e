import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';

/** Tasks running in a service, as Container Insights counts them (the cluster enables it). */
export function runningTasks(cluster: ecs.ICluster, service: ecs.IBaseService): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'ECS/ContainerInsights',
    metricName: 'RunningTaskCount',
    dimensionsMap: { ClusterName: cluster.clusterName, ServiceName: service.serviceName },
    statistic: 'Minimum',
    period: Duration.minutes(1),
  });
}

/** The share of the API's requests answered 5xx, by the load balancer or by a task, in %. */
export function api5xxPercent(loadBalancer: elbv2.ApplicationLoadBalancer): cloudwatch.IMetric {
  const period = Duration.minutes(1);
  const { metrics } = loadBalancer;
  return new cloudwatch.MathExpression({
    expression: 'IF(requests > 0, 100 * (FILL(elb5xx, 0) + FILL(target5xx, 0)) / requests, 0)',
    usingMetrics: {
      requests: metrics.requestCount({ statistic: 'Sum', period }),
      elb5xx: metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { statistic: 'Sum', period }),
      target5xx: metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, {
        statistic: 'Sum',
        period,
      }),
    },
    label: 'API 5xx %',
    period,
  });
}
