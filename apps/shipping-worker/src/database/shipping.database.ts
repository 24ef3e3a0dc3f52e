import { CreateShippingSchema1764403200000 } from './migrations/1764403200000-create-shipping-schema';

export const shippingDatabase = {
  schema: 'shipping',
  entities: [],
  migrations: [CreateShippingSchema1764403200000],
};
