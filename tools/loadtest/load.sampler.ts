import { performance } from 'node:perf_hooks';
import type { ArrivalSchedule } from './arrival.schedule';
import type { LoadSample } from './load-report.types';
import type { OrderCompletionTracker } from './order-completion.tracker';
import type { QueueDepthProbe, QueueDepths } from './queue-depth.probe';
import { PeriodicTask } from './periodic.task';
import type { SecondWindowRecorder } from './second-window.recorder';

export interface LiveTotals {
  requestsSent: number;
  accepted: number;
  terminal: number;
  queueDepth: number | null;
}

export type SampleListener = (sample: LoadSample, totals: LiveTotals) => void;

/**
 * Takes one sample a second from the recorder, the tracker and the latest queue depths; three
 * independent loops (samples, queue depths, completion sweeps) so none waits for another.
 */
export class LoadSampler {
  readonly samples: LoadSample[] = [];
  initialDepths: QueueDepths | null = null;
  latestDepths: QueueDepths | null = null;
  probeErrors = 0;
  private readonly tasks: PeriodicTask[] = [];
  private discoveredBefore = 0;
  private originPerf = 0;
  originWallMs = 0;

  constructor(
    private readonly recorder: SecondWindowRecorder,
    private readonly tracker: OrderCompletionTracker,
    private readonly schedule: ArrivalSchedule,
    private readonly probe: QueueDepthProbe | null,
    private readonly onSample?: SampleListener,
  ) {}

  /** Reads the queues once, then starts the clock the load and every sample share. */
  async start(): Promise<void> {
    if (this.probe) await this.readDepths(this.probe);
    this.initialDepths = this.latestDepths;
    this.originPerf = performance.now();
    this.originWallMs = Date.now();
    this.tasks.push(
      new PeriodicTask(1000, () => this.takeSample(), this.originPerf),
      new PeriodicTask(1000, () => this.tracker.sweep(), this.originPerf),
    );
    const probe = this.probe;
    if (probe)
      this.tasks.push(new PeriodicTask(1000, () => this.readDepths(probe), this.originPerf));
  }

  get startedPerf(): number {
    return this.originPerf;
  }

  /** Sum of visible and in-flight messages over the work queues; null without a probe. */
  queueDepth(depths = this.latestDepths): number | null {
    if (!depths) return null;
    return Object.values(depths.queues).reduce(
      (sum, queue) => sum + queue.visible + queue.inFlight,
      0,
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.tasks.map((task) => task.stop()));
    if (this.probe) await this.readDepths(this.probe);
    // The last, partial second: every request the run sent belongs to some sample.
    this.takeSample();
  }

  private async readDepths(probe: QueueDepthProbe): Promise<void> {
    try {
      this.latestDepths = await probe.sample();
    } catch {
      this.probeErrors++;
    }
  }

  private takeSample(): void {
    const previous = this.samples.at(-1)?.t ?? 0;
    const t = Math.max(Math.round((performance.now() - this.originPerf) / 1000), previous + 1);
    const window = this.recorder.takeWindow();
    const { phase, rate } = this.schedule.at(t - 0.5);
    const sample: LoadSample = {
      t,
      at: new Date().toISOString(),
      phase,
      targetRate: Math.round(rate * 10) / 10,
      ...window,
      queues: this.latestDepths?.queues ?? null,
      dlqs: this.latestDepths?.dlqs ?? null,
      backlog: this.tracker.backlog,
      // Live: completions discovered since the last sample; the report recounts by timestamp.
      completed: this.tracker.discovered - this.discoveredBefore,
      endToEndMs: null,
    };
    this.discoveredBefore = this.tracker.discovered;
    this.samples.push(sample);
    this.onSample?.(sample, {
      requestsSent: this.recorder.requestsSent,
      accepted: this.recorder.accepted,
      terminal: this.tracker.discovered,
      queueDepth: this.queueDepth(),
    });
  }
}
