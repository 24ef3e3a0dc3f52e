import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ISO_COUNTRY_CODES } from './iso-country-codes';

export class OrderLineRequestDto {
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,63}$/, { message: 'sku must be an upper-case catalog SKU' })
  sku: string;

  @IsInt()
  @Min(1)
  @Max(100)
  quantity: number;
}

export class ShippingAddressRequestDto {
  @IsString() @MinLength(1) @MaxLength(200) name: string;
  @IsString() @MinLength(1) @MaxLength(200) line1: string;
  @IsOptional() @IsString() @MaxLength(200) line2?: string;
  @IsString() @MinLength(1) @MaxLength(100) city: string;
  @IsString() @MinLength(1) @MaxLength(20) postalCode: string;

  @IsString()
  @IsIn(ISO_COUNTRY_CODES, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country: string;
}

/** What a client may send to place an order; prices come from the catalog, never the client. */
export class PlaceOrderRequestDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OrderLineRequestDto)
  items: OrderLineRequestDto[];

  @IsString()
  @Matches(/^pm_[A-Za-z0-9_]{1,120}$/, { message: 'paymentMethod must be a Stripe PaymentMethod id' })
  paymentMethod: string;

  @ValidateNested()
  @Type(() => ShippingAddressRequestDto)
  shippingAddress: ShippingAddressRequestDto;
}
