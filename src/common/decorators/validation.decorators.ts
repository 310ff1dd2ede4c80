import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { exclusiveEnd, parseIsoBound } from '../iso-date';
import { CLEAN_TEXT, normalizeEmail, trimString, WEB_ADDRESS } from '../text';

/**
 * A field the request must carry. Checked before the field's other rules, so a missing field is
 * reported as such (with the pipe's stopAtFirstError) rather than as every rule it breaks.
 */
export const Required = () => IsDefined({ message: '$property is required' });

const NoWebAddress = () =>
  ValidateBy({
    name: 'noWebAddress',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !WEB_ADDRESS.test(value),
      defaultMessage: () => '$property must not contain a web address',
    },
  });

/**
 * A person's name: trimmed, 1–100 characters, no control, invisible or blank-rendering
 * characters, and no web address (it is mailed back in the firm's name).
 */
export const IsPersonName = () =>
  applyDecorators(
    Transform(trimString),
    IsString(),
    Length(1, 100),
    Matches(CLEAN_TEXT, {
      message: '$property must not contain control, invisible or blank characters',
    }),
    NoWebAddress(),
  );

/** Anything before an `@` in the authority: user-info, or a backslash trick to look like one. */
const URL_USER_INFO = /^[^:/?#]+:\/\/[^/?#]*@/;

/** `https://bank.example@evil.test/…` reads as bank.example but opens evil.test. */
export const NoUrlUserInfo = () =>
  ValidateBy({
    name: 'noUrlUserInfo',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !URL_USER_INFO.test(value),
      defaultMessage: () =>
        '$property must not contain a user name or password (nothing@ before the host)',
    },
  });

/** An email address: trimmed, lower-cased, at most 254 characters. */
export const IsNormalizedEmail = () =>
  applyDecorators(
    Transform(normalizeEmail),
    IsString(),
    MaxLength(254),
    IsEmail({}, { message: '$property must be a valid email address' }),
  );

/** An ISO-8601 date (`2026-01-31`) or date-time (`2026-01-31T09:30:00Z`) that exists. */
export const IsIsoDateOrDateTime = () =>
  ValidateBy({
    name: 'isIsoDateOrDateTime',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseIsoBound(value) !== null,
      defaultMessage: () =>
        '$property must be an ISO-8601 date (2026-01-31) or date-time (2026-01-31T09:30:00Z)',
    },
  });

/**
 * A range's end that does not come before its start (`from`), when both are valid, read as the
 * range reads it: a bare date (`to=2026-01-31`) is its whole day, so `from=2026-01-31T12:00Z` is
 * inside it and only a `from` at or after the next midnight comes after it; a date-time `to` is
 * the end instant itself, which `from` may equal.
 */
export const NotBefore = (start: string) =>
  ValidateBy({
    name: 'notBefore',
    constraints: [start],
    validator: {
      validate: (value: unknown, args) => {
        const from = (args?.object as Record<string, unknown>)[start];
        if (typeof value !== 'string' || typeof from !== 'string') return true;
        const [a, b] = [parseIsoBound(from), parseIsoBound(value)];
        if (!a || !b) return true;
        const end = exclusiveEnd(b).getTime();
        return b.wholeDay ? a.at.getTime() < end : a.at.getTime() <= end;
      },
      defaultMessage: () => `$property must not be before ${start}`,
    },
  });
