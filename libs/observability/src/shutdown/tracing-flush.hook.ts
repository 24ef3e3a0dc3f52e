import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { shutdownTracing } from '@conveyor/tracing';

/**
 * Exports the spans still buffered before the process exits. A global module's shutdown hooks
 * run after every other module's, so the spans of the work drained there are included.
 */
@Injectable()
export class TracingFlushHook implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await shutdownTracing();
  }
}
