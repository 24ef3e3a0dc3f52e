import { runMigrationCommand } from '@conveyor/persistence';
import { ordersDatabase, seedCatalog } from './database/orders.database';

void runMigrationCommand('order-api', ordersDatabase, seedCatalog);
