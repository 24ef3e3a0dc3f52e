import { CONVEYOR_APPS, type ConveyorApp } from '@conveyor/contracts';
import { answersLive } from '@conveyor/dev-stack';
import type { FaultProfile } from '@conveyor/stripe-emulator';
import type { ProxyFault } from '@conveyor/testing';
import type { ChaosEnvironment } from './chaos.environment';
import type { ChaosEvent, KillTarget, OutageMode, StripeFaultKind } from './chaos.schedule';
import type { DuplicateCounter } from './duplicate.counter';
import { waitForRelayMidPublish } from './relay-publish.watcher';

export interface KillRecord {
  atSeconds: number;
  app: ConveyorApp;
  /** The kill was aimed at a relay and caught it holding claimed outbox rows. */
  relayMidPublish: boolean;
}

export interface FaultRecord {
  atSeconds: number;
  target: 'postgres' | 'sqs' | 'stripe';
  kind: OutageMode | StripeFaultKind;
  seconds: number;
}

/** How long a kill aimed at a relay waits to catch one publishing before it kills at random. */
const RELAY_WATCH_MS = 2_500;
const SLOW_STRIPE_MS = 4_000;

const STRIPE_PROFILES: Record<StripeFaultKind, Partial<FaultProfile>> = {
  'http-500': { errorRate: 0.5, errorStatuses: [500] },
  'http-429': { errorRate: 0.5, errorStatuses: [429] },
  slow: { latencyMs: SLOW_STRIPE_MS },
  // The emulator performs the charge, saves its answer, then destroys the connection.
  'drop-after-charge': { dropAfterChargeRate: 0.5 },
};

/** Carries out the schedule's events against the environment and records what was done. */
export class ChaosInjector {
  readonly kills: KillRecord[] = [];
  readonly faults: FaultRecord[] = [];
  relayAttempts = 0;
  private readonly ending = new Set<Promise<void>>();

  constructor(
    private readonly env: ChaosEnvironment,
    private readonly duplicates: DuplicateCounter,
    private readonly random: () => number,
    private readonly log: (line: string) => void,
  ) {}

  /** Starts the event; kills are awaited, faults end on their own timer. */
  async apply(event: ChaosEvent, elapsedSeconds: () => number): Promise<void> {
    if (event.kind === 'kill') return this.kill(event.target, elapsedSeconds);
    if (event.kind === 'outage') {
      const proxy = event.service === 'postgres' ? this.env.postgresProxy : this.env.sqsProxy;
      await proxy.inject(proxyFault(event.mode));
      this.record(
        { target: event.service, kind: event.mode, seconds: event.seconds },
        elapsedSeconds,
      );
      this.endAfter(event.seconds, () => proxy.restore());
      return;
    }
    await this.env.stripe.setFaults({ ...STRIPE_PROFILES[event.fault], seed: null });
    this.record({ target: 'stripe', kind: event.fault, seconds: event.seconds }, elapsedSeconds);
    this.endAfter(event.seconds, () => this.env.stripe.setFaults({}).then(() => undefined));
  }

  /** Ends every fault in force now (at the end of the run, or when it is cut short). */
  async endAll(): Promise<void> {
    await Promise.allSettled([...this.ending]);
    await this.env.postgresProxy.restore();
    await this.env.sqsProxy.restore();
    await this.env.stripe.setFaults({});
  }

  private async kill(target: KillTarget, elapsedSeconds: () => number): Promise<void> {
    let caught: ConveyorApp | undefined;
    if (target === 'relay-mid-publish') {
      this.relayAttempts++;
      caught = await waitForRelayMidPublish(this.env.sql, RELAY_WATCH_MS);
    }
    const first = caught ?? (target === 'relay-mid-publish' ? this.randomApp() : target);
    // An app still booting (or waiting out its restart delay) is left to come up: on a loaded
    // machine the order API would otherwise be down for the whole run. Take the next live one.
    // Live, not ready: during a database or SQS outage every app is unready, yet killing one
    // then is exactly the combination the run is for.
    for (const app of [first, ...CONVEYOR_APPS.filter((other) => other !== first)]) {
      if (app !== caught && !(await this.live(app))) continue;
      // The counter's last word from this process: what it counts after this is lost with it.
      await this.duplicates.scrape(app);
      const pid = await this.env.stack.crash(app);
      if (pid === undefined) continue;
      this.kills.push({ atSeconds: elapsedSeconds(), app, relayMidPublish: app === caught });
      return;
    }
    this.log('kill: no app was up, skipped');
  }

  private live(app: ConveyorApp): Promise<boolean> {
    return answersLive(this.env.ports[app]).catch(() => false);
  }

  private randomApp(): ConveyorApp {
    return CONVEYOR_APPS[Math.floor(this.random() * CONVEYOR_APPS.length)];
  }

  private record(fault: Omit<FaultRecord, 'atSeconds'>, elapsedSeconds: () => number) {
    this.faults.push({ atSeconds: elapsedSeconds(), ...fault });
    this.log(`fault: ${fault.target} ${fault.kind} for ${fault.seconds} s`);
  }

  private endAfter(seconds: number, end: () => Promise<void>): void {
    const ended = new Promise<void>((resolve) => setTimeout(resolve, seconds * 1000))
      .then(end)
      .catch((error: unknown) => this.log(`ending a fault failed: ${String(error)}`));
    this.ending.add(ended);
    void ended.finally(() => this.ending.delete(ended));
  }
}

function proxyFault(mode: OutageMode): ProxyFault {
  // Latency above the apps' SQS and statement timeouts would be an outage; this one slows.
  return mode === 'latency' ? { kind: 'latency', ms: 400 } : { kind: mode };
}
