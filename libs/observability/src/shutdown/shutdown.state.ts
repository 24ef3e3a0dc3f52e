import { Injectable, type OnModuleDestroy } from '@nestjs/common';

/**
 * Whether the app is draining: set once shutdown begins, so readiness fails and the
 * orchestrator stops routing work here while the modules that own in-flight work drain it in
 * their own `beforeApplicationShutdown`.
 */
@Injectable()
export class ShutdownState implements OnModuleDestroy {
  private draining = false;

  get isDraining(): boolean {
    return this.draining;
  }

  beginDraining(): void {
    this.draining = true;
  }

  /**
   * Not `beforeApplicationShutdown`: Nest runs a global module's hooks after every other
   * module's, so readiness would only fail once the draining was over. The `onModuleDestroy`
   * phase completes before any module's `beforeApplicationShutdown` starts.
   */
  onModuleDestroy(): void {
    this.beginDraining();
  }
}
