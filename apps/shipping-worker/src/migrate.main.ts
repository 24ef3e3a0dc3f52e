import { runMigrationCommand } from '@conveyor/persistence';
import { shippingDatabase } from './database/shipping.database';

void runMigrationCommand('shipping-worker', shippingDatabase);
