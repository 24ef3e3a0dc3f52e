/**
 * Integer minor units as a shopper reads them, e.g. 1250 EUR as "€12.50". The currency's own
 * number of decimals (0 for JPY, 3 for KWD) turns minor units into the amount Intl formats.
 */
export function formatMoney(minorUnits: number, currency: string): string {
  const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits);
}
