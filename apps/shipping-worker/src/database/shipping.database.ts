import { CreateShippingSchema1764403200000 } from './migrations/1764403200000-create-shipping-schema';
import { AddShipmentStatus1764489600000 } from './migrations/1764489600000-add-shipment-status';

export const shippingDatabase = {
  schema: 'shipping',
  entities: [],
  migrations: [CreateShippingSchema1764403200000, AddShipmentStatus1764489600000],
};
