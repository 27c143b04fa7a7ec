import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** Complainants call from UK and Italian numbers; anything else must be written with its +country code. */
const defaultCountries = ['GB', 'IT'] as const;

export function isValidPhone(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > 30) return false;
  if (trimmed.startsWith('+') || trimmed.startsWith('00')) {
    return parsePhoneNumberFromString(trimmed.replace(/^00/, '+'))?.isValid() ?? false;
  }
  return defaultCountries.some((country) => parsePhoneNumberFromString(trimmed, country)?.isValid() ?? false);
}
