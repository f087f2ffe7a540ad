/** Exact sums of decimal amounts kept as strings (money is never a float). */
const SCALE = 6;
const FACTOR = 10n ** BigInt(SCALE);
const DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]{1,6})?$/;

export function isDecimal(s: string): boolean {
  return DECIMAL.test(s);
}

function toUnits(s: string): bigint {
  if (!isDecimal(s)) throw new RangeError(`not a decimal amount: ${s}`);
  const negative = s.startsWith('-');
  const [int = '0', frac = ''] = s.replace('-', '').split('.');
  const units = BigInt(int) * FACTOR + BigInt(frac.padEnd(SCALE, '0'));
  return negative ? -units : units;
}

function fromUnits(u: bigint): string {
  const negative = u < 0n;
  const abs = negative ? -u : u;
  const int = abs / FACTOR;
  const frac = (abs % FACTOR).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** `addDecimals(['24252.311082', '0.5'])` → `'24252.811082'` */
export function addDecimals(values: readonly string[]): string {
  return fromUnits(values.reduce((sum, v) => sum + toUnits(v), 0n));
}
