import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** The firm's phone as a tel: link target and as people write it, or null when not valid. */
export function firmPhone(
  text: string,
  defaultCountry: string,
): { e164: string; display: string } | null {
  const parsed = parsePhoneNumberFromString(text, {
    defaultCountry: defaultCountry as CountryCode,
  });
  if (!parsed?.isValid()) return null;
  return { e164: parsed.number, display: parsed.formatInternational() };
}
