import type { Provider, Type } from '@nestjs/common';
import { ConsoleSessionGuard } from './session/console-session.guard';
import { ConsoleSessions } from './session/console-session';
import { SignInController } from './sign-in/sign-in.controller';
import { LiveOverviewController } from './live-overview/live-overview.controller';
import { OverviewFeed } from './live-overview/overview.feed';
import { OrderPageController } from './order-page/order-page.controller';
import { OrderTraces } from './order-page/order-traces';
import { DeadLetterBrowserController } from './dead-letter-browser/dead-letter-browser.controller';
import { DeadLetterConsolePort } from './dead-letter-browser/dead-letter-console.port';
import { DeadLetterConsoleAdapter } from './dead-letter-browser/dead-letter-console.adapter';

/** The operations console's routes (/console), registered by the order API's module. */
export const CONSOLE_CONTROLLERS: Type[] = [
  SignInController,
  LiveOverviewController,
  OrderPageController,
  DeadLetterBrowserController,
];

export const CONSOLE_PROVIDERS: Provider[] = [
  ConsoleSessions,
  ConsoleSessionGuard,
  OverviewFeed,
  OrderTraces,
  { provide: DeadLetterConsolePort, useClass: DeadLetterConsoleAdapter },
];
