import type { LoggerService } from '@nestjs/common';
import { StartupChatterLogger } from './startup-chatter.logger';

/** A logger that keeps (level, message) pairs. */
function recorder(): LoggerService & { lines: [string, unknown][] } {
  const lines: [string, unknown][] = [];
  const at = (level: string) => (message: unknown) => void lines.push([level, message]);
  return { lines, log: at('info'), error: at('error'), warn: at('warn'), debug: at('debug') };
}

describe('StartupChatterLogger', () => {
  it('moves Nest’s start-up lines to debug', () => {
    const inner = recorder();
    const logger = new StartupChatterLogger(inner);
    logger.log('Mapped {/health/live, GET} route', 'RouterExplorer');
    logger.log('TypeOrmModule dependencies initialized', 'InstanceLoader');
    logger.log('Nest application successfully started', 'NestApplication');
    expect(inner.lines.map(([level]) => level)).toEqual(['debug', 'debug', 'debug']);
  });

  it('keeps the app’s own lines, and every warning and error, at their level', () => {
    const inner = recorder();
    const logger = new StartupChatterLogger(inner);
    logger.log('order-api listening on http://127.0.0.1:3000', 'Bootstrap');
    logger.warn('slow', 'RouterExplorer');
    logger.error('broken', 'InstanceLoader');
    expect(inner.lines).toEqual([
      ['info', 'order-api listening on http://127.0.0.1:3000'],
      ['warn', 'slow'],
      ['error', 'broken'],
    ]);
  });
});
