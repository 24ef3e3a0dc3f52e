import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldErrorDto {
  @ApiProperty({ example: 'items.0.quantity' }) path: string;
  @ApiProperty({ example: 'quantity must not be greater than 100' }) message: string;
}

/** application/problem+json, as every error of this API is answered (RFC 9457). */
export class ProblemResponseDto {
  @ApiProperty({ example: 'urn:conveyor:problem:catalog.unknown_sku' }) type: string;
  @ApiProperty({ example: 'Bad Request' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'Unknown SKU: NOPE-1' }) detail: string;
  @ApiProperty({ example: 'CATALOG.UNKNOWN_SKU', description: 'Stable; clients branch on it' })
  code: string;
  @ApiProperty({ nullable: true, example: '5f1c…' }) correlationId: string | null;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}
