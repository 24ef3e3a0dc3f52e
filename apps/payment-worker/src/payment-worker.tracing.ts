import { configOrExit, loadTracingConfig } from '@conveyor/config';
import { startTracing } from '@conveyor/tracing';

// Imported first by main.ts: the SDK must patch pg, the AWS SDK and http before they load.
startTracing(configOrExit(() => loadTracingConfig('payment-worker')));
