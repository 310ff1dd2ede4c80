import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Max,
  Min,
  type ValidationArguments,
  ValidateBy,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { isSupportedCountry } from 'libphonenumber-js/max';
import addressparser from 'nodemailer/lib/addressparser';
import { CLEAN_TEXT } from '../common/text';
import { isTimeZone, parseBusinessHours } from '../common/business-hours';
import { passwordProblem } from '../common/password-policy';

/** Composite decorators and rules for the environment schema (env.validation.ts). */

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  return value;
};
const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  value === '' ? undefined : value;

@ValidatorConstraint({ name: 'hasMailAddress' })
export class HasMailAddress implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    const parsed = addressparser(value, { flatten: true });
    return parsed.length === 1 && /^[^@\s]+@[^@\s]+$/.test(parsed[0].address ?? '');
  }
  defaultMessage(): string {
    return 'MAIL_FROM must be one address, e.g. "Finch & Partners <intake@firm.example>" (quote the whole value in .env)';
  }
}

/** A whole number from `min` to `max` (from its decimal string). */
export const Int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  applyDecorators(Transform(toInt), IsInt(), Min(min), Max(max));
/** Seconds, or a number with s/m/h/d (`900`, `15m`, `4h`). */
export const Duration = () =>
  Matches(/^\d+[smhd]?$/, {
    message: ({ property }) => `${property} must be seconds or a number with s/m/h/d`,
  });
/** true/false, 1/0, yes/no, on/off. */
export const Bool = () => applyDecorators(Transform(toBool), IsBoolean());
/** May be unset; an empty value counts as unset. */
export const Optional = () => applyDecorators(IsOptional(), Transform(emptyToUndefined));

@ValidatorConstraint({ name: 'passwordPolicy' })
export class PasswordPolicy implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return passwordProblem(value) === null;
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property}: ${passwordProblem(args.value) ?? 'not acceptable'}`.replace(
      /: password /,
      ' ',
    );
  }
}

/** One line of text for a page or an e-mail: at most `max` characters, nothing invisible. */
export const PlainText = (max: number) =>
  applyDecorators(
    IsString(),
    MaxLength(max),
    Matches(CLEAN_TEXT, {
      message: ({ property }) => `${property} must be one line without control characters`,
    }),
  );

/** An ISO 3166 alpha-2 country code that phone numbers can be read in (`US`, `GB`, `DE`). */
export const PhoneCountry = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.trim().toUpperCase() : value,
    ),
    ValidateBy({
      name: 'phoneCountry',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && /^[A-Z]{2}$/.test(value) && isSupportedCountry(value),
        defaultMessage: () =>
          '$property must be a two-letter country code (ISO 3166), e.g. US or GB',
      },
    }),
  );
const businessHoursProblem = (value: unknown): string | null => {
  if (typeof value !== 'string') return 'must be text';
  try {
    parseBusinessHours(value);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

/** `always` or openings like `Mon-Fri 09:00-17:00` (see common/business-hours.ts). */
export const IsBusinessHours = () =>
  ValidateBy({
    name: 'businessHours',
    validator: {
      validate: (value: unknown) => businessHoursProblem(value) === null,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property}: ${businessHoursProblem(args?.value)}; use "always" or e.g. "Mon-Fri 09:00-17:00"`,
    },
  });

/** An IANA time zone name (`Europe/Berlin`, `America/New_York`, `UTC`). */
export const IsTimeZone = () =>
  ValidateBy({
    name: 'timeZone',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isTimeZone(value),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} must be an IANA time zone such as Europe/Berlin or America/New_York`,
    },
  });
