import { SetMetadata } from '@nestjs/common';

/**
 * Marks the probe and metrics controllers. An app's own guards (authentication, rate limits)
 * let these through: an orchestrator or Prometheus scrapes them without credentials.
 */
export const OPERATIONAL_ENDPOINT = 'conveyor:operational-endpoint';
export const OperationalEndpoint = () => SetMetadata(OPERATIONAL_ENDPOINT, true);
