import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_STATUSES } from '../domain/order-status';
import { ShippingAddressRequestDto } from '../place-order/place-order.request.dto';

class OrderItemResponseDto {
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ description: 'Integer minor units of `currency`' }) unitPriceCents: number;
  @ApiProperty() lineTotalCents: number;
}

class ShipmentResponseDto {
  @ApiProperty({ example: 'CONVEYOR-POST' }) carrier: string;
  @ApiProperty({ example: 'CP9AE6E5D18726' }) trackingNumber: string;
}

class TimelineEntryResponseDto {
  @ApiProperty({ enum: ORDER_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional() reason?: string;
}

export class OrderResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() customerId: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: string;
  @ApiProperty({ type: [OrderItemResponseDto] }) items: OrderItemResponseDto[];
  @ApiProperty({ description: 'Integer minor units of `currency`' }) totalCents: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: ShippingAddressRequestDto }) shippingAddress: ShippingAddressRequestDto;
  @ApiProperty({ type: ShipmentResponseDto, nullable: true }) shipment: ShipmentResponseDto | null;
  @ApiProperty({ type: String, nullable: true }) failureReason: string | null;
  @ApiProperty({ type: [TimelineEntryResponseDto] }) timeline: TimelineEntryResponseDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OrderListResponseDto {
  @ApiProperty({ type: [OrderResponseDto] }) items: OrderResponseDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Opaque; pass as `cursor` for the next page',
  })
  nextCursor: string | null;
}
