import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDefined, IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';
import { CLEAN_TEXT, normalizeEmail, trimString } from '../text';

/**
 * A field the request must carry. Checked before the field's other rules, so a missing field is
 * reported as such (with the pipe's stopAtFirstError) rather than as every rule it breaks.
 */
export const Required = () => IsDefined({ message: '$property is required' });

/** A person's name: trimmed, 1–100 characters, no control or invisible formatting characters. */
export const IsPersonName = () =>
  applyDecorators(
    Transform(trimString),
    IsString(),
    Length(1, 100),
    Matches(CLEAN_TEXT, {
      message: '$property must not contain control or invisible formatting characters',
    }),
  );

/** An email address: trimmed, lower-cased, at most 254 characters. */
export const IsNormalizedEmail = () =>
  applyDecorators(
    Transform(normalizeEmail),
    IsString(),
    MaxLength(254),
    IsEmail({}, { message: '$property must be a valid email address' }),
  );
