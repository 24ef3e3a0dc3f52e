import type { EmulatorClock } from './emulator.clock';
import { FaultProfileError, type FaultInjector } from './fault.injector';
import type { PaymentIntentsService } from './payment-intents.service';
import type { RequestStats } from './request.stats';

export interface ControlAnswer {
  status: number;
  body: unknown;
}

export interface ControlRouterDeps {
  paymentIntents: PaymentIntentsService;
  faults: FaultInjector;
  stats: RequestStats;
  clock: EmulatorClock;
  /** Forgets every PaymentIntent, refund, PaymentMethod and saved idempotent answer. */
  clearState(): void;
}

function parseJsonObject(body: string): Record<string, unknown> {
  const parsed: unknown = body.trim() === '' ? {} : JSON.parse(body);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new FaultProfileError('the body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** The emulator-only API under /_emulator/ that tests use to inspect state and inject faults. */
export class ControlRouter {
  constructor(private readonly deps: ControlRouterDeps) {}

  handle(method: string, path: string, body: string): ControlAnswer {
    const route = `${method} ${path.replace(/\/$/, '')}`;
    switch (route) {
      case 'GET /_emulator/payment-intents':
        return { status: 200, body: this.deps.paymentIntents.list() };
      case 'GET /_emulator/faults':
        return { status: 200, body: this.deps.faults.current() };
      case 'POST /_emulator/faults':
        return this.configureFaults(body);
      case 'POST /_emulator/reset':
        this.deps.clearState();
        this.deps.faults.reset();
        this.deps.stats.reset();
        this.deps.clock.reset();
        return { status: 200, body: { reset: true } };
      case 'GET /_emulator/clock':
        return { status: 200, body: this.deps.clock.view() };
      case 'POST /_emulator/clock':
        return this.advanceClock(body);
      case 'GET /_emulator/stats':
        return { status: 200, body: this.deps.stats.snapshot() };
      default:
        return { status: 404, body: { error: `no control route ${route}` } };
    }
  }

  /** `{ "advanceSeconds": n }`: time only moves forward, as Stripe's does. */
  private advanceClock(body: string): ControlAnswer {
    try {
      const { advanceSeconds } = parseJsonObject(body);
      if (!Number.isInteger(advanceSeconds) || (advanceSeconds as number) < 0) {
        return { status: 400, body: { error: 'advanceSeconds must be a non-negative integer' } };
      }
      return { status: 200, body: this.deps.clock.advance(advanceSeconds as number) };
    } catch (error) {
      if (error instanceof FaultProfileError || error instanceof SyntaxError) {
        return { status: 400, body: { error: error.message } };
      }
      throw error;
    }
  }

  private configureFaults(body: string): ControlAnswer {
    try {
      return { status: 200, body: this.deps.faults.configure(parseJsonObject(body)) };
    } catch (error) {
      if (error instanceof FaultProfileError || error instanceof SyntaxError) {
        return { status: 400, body: { error: error.message } };
      }
      throw error;
    }
  }
}
