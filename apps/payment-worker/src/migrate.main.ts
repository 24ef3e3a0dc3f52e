import { runMigrationCommand } from '@conveyor/persistence';
import { paymentsDatabase } from './database/payments.database';

void runMigrationCommand('payment-worker', paymentsDatabase);
