export * from './correlation/correlation-context';
export { REQUEST_ID_HEADER } from './correlation/request-id.hook';
export { bootstrapService, type BootstrapOptions } from './bootstrap/service.bootstrap';
export { ReadinessRegistry, type ReadinessCheck } from './health/readiness.registry';
export { MetricsService } from './metrics/metrics.service';
export { ObservabilityError, type ObservabilityErrorCode } from './observability.error';
export { ObservabilityModule } from './observability.module';
export type { ObservabilityOptions } from './observability.options';
export { ShutdownState } from './shutdown/shutdown.state';
