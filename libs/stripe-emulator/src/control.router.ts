import {
  answerControl,
  ControlInputError,
  parseJsonObject,
  type ControlAnswer,
  type ControlRoutes,
} from './control-input';
import type { EmulatorClock } from './emulator.clock';
import type { FaultInjector } from './fault.injector';
import type { PaymentIntentsService } from './payment-intents.service';
import type { RequestStats } from './request.stats';

export interface ControlRouterDeps {
  paymentIntents: PaymentIntentsService;
  faults: FaultInjector;
  stats: RequestStats;
  clock: EmulatorClock;
  /** More routes, each its own group: webhooks, actions on Stripe objects. */
  routes: ControlRoutes[];
  /** Forgets every object, saved idempotent answer, webhook delivery and held event. */
  clearState(): void;
}

/** The emulator-only API under /_emulator/ that tests use to inspect state and inject faults. */
export class ControlRouter {
  constructor(private readonly deps: ControlRouterDeps) {}

  handle(method: string, path: string, body: string): ControlAnswer {
    const route = `${method} ${path.replace(/\/$/, '')}`;
    for (const routes of this.deps.routes) {
      const answer = routes.handle(route, body);
      if (answer) {
        return answer;
      }
    }
    switch (route) {
      case 'GET /_emulator/payment-intents':
        return { status: 200, body: this.deps.paymentIntents.list() };
      case 'GET /_emulator/faults':
        return { status: 200, body: this.deps.faults.current() };
      case 'POST /_emulator/faults':
        return answerControl(() => this.deps.faults.configure(parseJsonObject(body)));
      case 'POST /_emulator/reset':
        this.deps.clearState();
        this.deps.faults.reset();
        this.deps.stats.reset();
        this.deps.clock.reset();
        return { status: 200, body: { reset: true } };
      case 'GET /_emulator/clock':
        return { status: 200, body: this.deps.clock.view() };
      case 'POST /_emulator/clock':
        return answerControl(() => this.advanceClock(body));
      case 'GET /_emulator/stats':
        return { status: 200, body: this.deps.stats.snapshot() };
      default:
        return { status: 404, body: { error: `no control route ${route}` } };
    }
  }

  /** `{ "advanceSeconds": n }`: time only moves forward, as Stripe's does. */
  private advanceClock(body: string) {
    const { advanceSeconds } = parseJsonObject(body);
    if (!Number.isInteger(advanceSeconds) || (advanceSeconds as number) < 0) {
      throw new ControlInputError('advanceSeconds must be a non-negative integer');
    }
    return this.deps.clock.advance(advanceSeconds as number);
  }
}
