import { CONVEYOR_APPS } from '@conveyor/contracts';
import {
  queueLogicalId,
  resourcesOfType,
  STACK_VARIANTS,
  synthesizeStack,
  type StackVariant,
} from './conveyor-stack.fixtures';

type Alarm = Record<string, unknown> & { Dimensions?: { Name: string; Value: unknown }[] };

describe.each(Object.keys(STACK_VARIANTS) as StackVariant[])('alarms of %s', (variant) => {
  const synth = () => synthesizeStack(variant);
  const sizes = STACK_VARIANTS[variant].sizes;
  const alarms = () =>
    resourcesOfType(synth().json, 'AWS::CloudWatch::Alarm').map(([, p]) => p as Alarm);
  const on = (metricName: string, dimension?: unknown) =>
    alarms().filter(
      (alarm) =>
        alarm.MetricName === metricName &&
        (dimension === undefined ||
          alarm.Dimensions?.some((d) => JSON.stringify(d.Value) === JSON.stringify(dimension))),
    );

  it('watch the age of the oldest message of every work queue, and every DLQ for any message', () => {
    const { json, stack } = synth();
    for (const pair of stack.topology.pairs) {
      const queueName = (name: string) => ({
        'Fn::GetAtt': [queueLogicalId(json, name), 'QueueName'],
      });
      expect(on('ApproximateAgeOfOldestMessage', queueName(pair.work.name))).toEqual([
        expect.objectContaining({
          Threshold: sizes.oldestMessageAlarmSeconds,
          ComparisonOperator: 'GreaterThanThreshold',
        }),
      ]);
      expect(on('ApproximateNumberOfMessagesVisible', queueName(pair.dlq.name))).toEqual([
        expect.objectContaining({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' }),
      ]);
    }
  });

  it('watch every service for running fewer tasks than its minimum', () => {
    const running = on('RunningTaskCount');
    expect(running).toHaveLength(CONVEYOR_APPS.length);
    const thresholds = running.map((alarm) => alarm.Threshold).sort();
    expect(thresholds).toEqual(CONVEYOR_APPS.map((app) => sizes.services[app].minTasks).sort());
    for (const alarm of running) expect(alarm.ComparisonOperator).toBe('LessThanThreshold');
  });

  it("watch the API's 5xx rate, the database's CPU and its free storage", () => {
    const math = alarms().filter((alarm) => alarm.Metrics !== undefined);
    expect(JSON.stringify(math)).toContain('HTTPCode_ELB_5XX_Count');
    expect(JSON.stringify(math)).toContain('HTTPCode_Target_5XX_Count');
    expect(on('CPUUtilization')).toHaveLength(1);
    expect(on('FreeStorageSpace')).toEqual([
      expect.objectContaining({ ComparisonOperator: 'LessThanThreshold' }),
    ]);
  });

  it('send every alarm, and only those, to the one SNS topic', () => {
    const topics = resourcesOfType(synth().json, 'AWS::SNS::Topic').map(([id]) => id);
    expect(topics).toHaveLength(1);
    const pairs = synth().stack.topology.pairs.length;
    expect(alarms()).toHaveLength(pairs * 2 + CONVEYOR_APPS.length + 3);
    for (const alarm of alarms()) expect(alarm.AlarmActions).toEqual([{ Ref: topics[0] }]);
  });

  it('draw queue depth and age, tasks per service and API latency on one dashboard', () => {
    const [dashboard] = resourcesOfType(synth().json, 'AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard[1].DashboardBody);
    for (const metric of [
      'ApproximateNumberOfMessagesVisible',
      'ApproximateAgeOfOldestMessage',
      'RunningTaskCount',
      'TargetResponseTime',
    ]) {
      expect(body).toContain(metric);
    }
  });

  it('keep every log group for a set time', () => {
    for (const [, group] of resourcesOfType(synth().json, 'AWS::Logs::LogGroup')) {
      expect(group.RetentionInDays).toBeGreaterThan(0);
    }
  });
});
