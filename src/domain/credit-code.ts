/**
 * 统一社会信用代码 (credit code), GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》.
 *
 * 18 characters: 登记管理部门码 (1) + 机构类别码 (1) + 登记管理机关行政区划码 (6 digits)
 * + 主体标识码 (9) + 校验码 (1). The alphabet is the digits and the upper-case Latin
 * letters without I, O, S, V and Z (31 symbols). The check character C18 is
 * 31 − (Σ Ci·Wi mod 31), with Wi = 3^(i−1) mod 31, and 31 written as 0.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeCheck =
  | { ok: true; code: string }
  | { ok: false; reason: 'length' | 'alphabet' | 'division' | 'check'; message: string };

/** The check character the first 17 characters call for (GB 32100 §5.3 / annex). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) throw new RangeError(`not a credit-code character at ${i}`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const c = 31 - (sum % 31);
  return CREDIT_CODE_ALPHABET[c === 31 ? 0 : c] as string;
}

/** Normalises (trims, upper-cases, full-width → half-width) and checks a credit code. */
export function checkCreditCode(input: string): CreditCodeCheck {
  const code = input
    .trim()
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (ch) =>
      String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
    )
    .toUpperCase();
  if (code.length !== 18) {
    return { ok: false, reason: 'length', message: `应为 18 位，现为 ${code.length} 位。` };
  }
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_ALPHABET.includes(code[i] as string)) {
      return {
        ok: false,
        reason: 'alphabet',
        message: `第 ${i + 1} 位“${code[i]}”不是合法字符（只能是数字和除 I、O、S、V、Z 以外的大写字母）。`,
      };
    }
  }
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) {
    return { ok: false, reason: 'division', message: '第 3–8 位应为 6 位数字的行政区划码。' };
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return {
      ok: false,
      reason: 'check',
      message: `校验码错误：第 18 位应为“${expected}”，现为“${code[17]}”，请核对代码是否抄错。`,
    };
  }
  return { ok: true, code };
}
