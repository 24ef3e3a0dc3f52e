import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsDefined,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsPlainText } from './plain-text.validator';
import { ISO_COUNTRY_CODES } from './iso-country-codes';

export class OrderLineRequestDto {
  @ApiProperty({ example: 'MUG-CLASSIC', pattern: '^[A-Z0-9][A-Z0-9-]{0,63}$' })
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,63}$/, { message: 'sku must be an upper-case catalog SKU' })
  sku: string;

  @ApiProperty({ minimum: 1, maximum: 100, example: 2 })
  @IsInt()
  @Min(1)
  @Max(100)
  quantity: number;
}

export class ShippingAddressRequestDto {
  @ApiProperty({ maxLength: 200, example: 'Ada Lovelace' })
  @IsPlainText(1, 200)
  name: string;

  @ApiProperty({ maxLength: 200, example: '1 Main Street' })
  @IsPlainText(1, 200)
  line1: string;

  // Absent is fine; null is not (the message contracts have no null here).
  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf((_object, value) => value !== undefined)
  @IsPlainText(0, 200)
  line2?: string;

  @ApiProperty({ maxLength: 100, example: 'Berlin' })
  @IsPlainText(1, 100)
  city: string;

  @ApiProperty({ maxLength: 20, example: '10115' })
  @IsPlainText(1, 20)
  postalCode: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'DE' })
  @IsString()
  @IsIn(ISO_COUNTRY_CODES, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country: string;
}

/** What a client may send to place an order; prices come from the catalog, never the client. */
export class PlaceOrderRequestDto {
  @ApiProperty({ type: [OrderLineRequestDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique((line: OrderLineRequestDto) => line?.sku, { message: 'items must not repeat a sku' })
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => OrderLineRequestDto)
  items: OrderLineRequestDto[];

  @ApiProperty({ description: 'A Stripe PaymentMethod id', example: 'pm_card_visa' })
  @IsString()
  @Matches(/^pm_[A-Za-z0-9_]{1,120}$/, {
    message: 'paymentMethod must be a Stripe PaymentMethod id',
  })
  paymentMethod: string;

  @ApiProperty({ type: ShippingAddressRequestDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ShippingAddressRequestDto)
  shippingAddress: ShippingAddressRequestDto;
}
