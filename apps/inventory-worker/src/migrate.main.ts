import { runMigrationCommand } from '@conveyor/persistence';
import { inventoryDatabase, seedInventory } from './database/inventory.database';

void runMigrationCommand('inventory-worker', inventoryDatabase, seedInventory);
