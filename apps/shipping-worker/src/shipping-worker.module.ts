import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceRuntimeModule } from '@conveyor/service-runtime';
import { shippingDatabase } from './database/shipping.database';
import type { ShippingWorkerConfig } from './shipping-worker.config';
import { LocalCarrierAdapter } from './carrier/local-carrier.adapter';
import { CreateShipmentHandler } from './shipments/create-shipment/create-shipment.handler';
import { ShippingAddressOpener } from './shipments/create-shipment/shipping-address.opener';
import { ShippingQueueConsumer } from './shipping-queue.consumer';
import { ShippingMessaging } from './shipping.messaging';
import { CancelShipmentHandler } from './shipments/cancel-shipment/cancel-shipment.handler';

@Module({})
export class ShippingWorkerModule {
  static forConfig(config: ShippingWorkerConfig): DynamicModule {
    return {
      module: ShippingWorkerModule,
      imports: [
        ServiceRuntimeModule.forRoot({
          app: 'shipping-worker',
          config,
          database: shippingDatabase,
          consumerConcurrency: config.consumerConcurrency,
          messaging: ShippingMessaging,
        }),
      ],
      providers: [
        LocalCarrierAdapter,
        {
          provide: ShippingAddressOpener,
          useValue: new ShippingAddressOpener(config.personalData.shipping),
        },
        CreateShipmentHandler,
        CancelShipmentHandler,
        ShippingQueueConsumer,
      ],
    };
  }
}
