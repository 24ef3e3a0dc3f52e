import {
  Body,
  Controller,
  Get,
  Injectable,
  Logger,
  Module,
  Param,
  Post,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { bootstrapService } from '../bootstrap/service.bootstrap';
import { correlationContext } from '../correlation/correlation-context';
import { ObservabilityModule } from '../observability.module';

export const TEST_SERVICE = 'test-service';

/** What the dummy controller saw: the correlation id after an await, as handlers see it. */
export interface Seen {
  id: string;
  correlationId: string | undefined;
}

@Controller('orders')
class OrdersTestController {
  private readonly logger = new Logger(OrdersTestController.name);

  @Get(':id')
  async find(@Param('id') id: string): Promise<Seen> {
    await nextTurn();
    this.logger.log({ orderId: id, card: { number: '4242424242424242' } }, 'order read');
    return { id, correlationId: correlationContext.currentId() };
  }

  @Post()
  async create(@Body() body: { id: string; shippingAddress: string }): Promise<Seen> {
    await nextTurn();
    this.logger.log({ order: body }, 'order received');
    return { id: body.id, correlationId: correlationContext.currentId() };
  }
}

/** Once held, keeps shutdown in `beforeApplicationShutdown` until released, as a draining worker does. */
@Injectable()
export class DrainingWorker implements BeforeApplicationShutdown {
  private drained: Promise<void> | undefined;
  private release: (() => void) | undefined;

  holdShutdown(): void {
    this.drained = new Promise<void>((resolve) => (this.release = resolve));
  }

  finishDraining(): void {
    this.release?.();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.drained;
  }
}

export interface TestService {
  app: NestFastifyApplication;
  baseUrl: string;
  /** Every log line written so far, parsed; `rawLogs` keeps them as written. */
  logs: () => Record<string, unknown>[];
  rawLogs: string[];
}

/** Boots a real app on a free port through `bootstrapService`, capturing its log lines. */
export async function startTestService(): Promise<TestService> {
  const rawLogs: string[] = [];
  @Module({
    imports: [
      ObservabilityModule.forRoot({
        serviceName: TEST_SERVICE,
        logLevel: 'info',
        logDestination: { write: (line: string) => rawLogs.push(line) },
      }),
    ],
    controllers: [OrdersTestController],
    providers: [DrainingWorker],
  })
  class TestRootModule {}

  const app = await bootstrapService(TestRootModule, {
    serviceName: TEST_SERVICE,
    port: 0,
    host: '127.0.0.1',
  });
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    logs: () => rawLogs.map((line) => JSON.parse(line) as Record<string, unknown>),
    rawLogs,
  };
}

/** Polls until `predicate` holds, failing after a deadline rather than sleeping and hoping. */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  predicate: (value: T) => boolean,
  deadlineMs = 3_000,
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (predicate(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${deadlineMs}ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The stable code of the error `fn` throws, or undefined when it throws none. */
export function errorCodeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return (err as { code?: unknown }).code;
  }
  return undefined;
}
