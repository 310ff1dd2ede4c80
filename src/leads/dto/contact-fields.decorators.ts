import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { loadEnv } from '../../config/env.validation';
import { CLEAN_MULTILINE_TEXT, CLEAN_TEXT } from '../../common/text';

/** The longest message the form takes, in characters. */
export const MESSAGE_MAX_LENGTH = 2000;

/** A phone number as E.164 (`+12025550123`), or null when it is not a valid number. */
export function toE164(text: string, defaultCountry: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(text, { defaultCountry });
  return parsed?.isValid() ? parsed.number : null;
}

/** National numbers (`(202) 555-0123`) are read as DEFAULT_PHONE_COUNTRY's. */
const defaultCountry = (): CountryCode => loadEnv().DEFAULT_PHONE_COUNTRY as CountryCode;

/** A blank optional field (an empty form input) is no value at all. */
const blankToNull = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? null : value;

/**
 * An optional phone number, stored as E.164: any format a person types, with the country code or
 * as a national number of DEFAULT_PHONE_COUNTRY; blank means none.
 */
export const IsOptionalPhone = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => {
      const v = blankToNull(value);
      return typeof v === 'string' ? (toE164(v.trim(), defaultCountry()) ?? v.trim()) : v;
    }),
    IsOptional(),
    IsString(),
    MaxLength(40),
    Matches(CLEAN_TEXT, { message: '$property must not contain control or invisible characters' }),
    ValidateBy({
      name: 'isPhone',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && toE164(value, defaultCountry()) === value,
        defaultMessage: () =>
          '$property must be a valid phone number (with the country code if it is not a ' +
          `${defaultCountry()} number, e.g. +44 20 7946 0958)`,
      },
    }),
  );

/**
 * Optional free text of a few paragraphs: trimmed, Windows/old-Mac line ends made `\n`, at most
 * MESSAGE_MAX_LENGTH characters, no control or invisible characters but newlines and tabs;
 * blank means none.
 */
export const IsOptionalMessage = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => {
      const v = blankToNull(value);
      return typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : v;
    }),
    IsOptional(),
    IsString(),
    MaxLength(MESSAGE_MAX_LENGTH),
    Matches(CLEAN_MULTILINE_TEXT, {
      message: '$property must not contain control or invisible characters (except line breaks)',
    }),
  );
