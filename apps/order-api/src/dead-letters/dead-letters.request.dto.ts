import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';

/** Types only: the ranges are the redrive's own (REDRIVE.LIMIT_OUT_OF_RANGE), shared with the CLI. */
export class RedriveRequestDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100_000, description: 'move at most this many' })
  @IsOptional()
  @IsNumber()
  max?: number;

  @ApiPropertyOptional({ minimum: 0, exclusiveMinimum: true, maximum: 500, default: 10 })
  @IsOptional()
  @IsNumber()
  rate?: number;
}

export class PurgeRequestDto {
  @ApiPropertyOptional({ description: 'the queue name, repeated to confirm', example: 'payments' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  confirm?: string;
}
