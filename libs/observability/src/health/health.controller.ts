import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { ReadinessRegistry } from './readiness.registry';
import { OperationalEndpoint } from '../operational-endpoint.decorator';

/** Answers 503 (via terminus) when a check is down. */
@OperationalEndpoint()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessRegistry,
  ) {}

  /** The process is up and serving HTTP; restarting it would not help anything else. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check(this.readiness.healthIndicators());
  }
}
