import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class RestockRequestDto {
  @ApiProperty({ minimum: 1, maximum: 1_000_000, example: 50 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity: number;
}
