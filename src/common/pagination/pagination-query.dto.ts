import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy } from 'class-validator';

/** Only plain decimal digits become numbers: "0x10", "1e1", " 5", "+5" and "05" stay strings (400). */
const decimalDigits = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^(0|[1-9]\d{0,15})$/.test(value) ? Number(value) : value;

/** One check and one message ("limit must be a whole number from 1 to 100") for any bad value. */
function WholeNumberFrom(min: number, max: number): PropertyDecorator {
  return ValidateBy({
    name: 'wholeNumberFrom',
    constraints: [min, max],
    validator: {
      validate: (value: unknown) =>
        Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max,
      defaultMessage: (args) => `${args?.property} must be a whole number from ${min} to ${max}`,
    },
  });
}

export class PaginationQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20, example: 20 })
  @IsOptional()
  @Transform(decimalDigits)
  @WholeNumberFrom(1, 100)
  limit = 20;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, example: 0 })
  @IsOptional()
  @Transform(decimalDigits)
  @WholeNumberFrom(0, 1_000_000_000)
  offset = 0;
}
