/**
 * Password policy. Follows the common 等级保护 practice (GB/T 22239-2019 8.1.4.1: 口令
 * 具有复杂度要求) and NIST SP 800-63B: long enough, several character classes, not the
 * user name, not a well-known password.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set([
  'password123',
  'password1234',
  'qwerty123456',
  'admin123456',
  '1234567890',
  'abc123456789',
  'gongkai123456',
]);

/** Returns a Chinese message saying what is wrong, or null when the password is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位。`;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码不能超过 ${PASSWORD_MAX_LENGTH} 位。`;
  // eslint-disable-next-line no-control-regex -- detecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(password)) return '密码不能包含控制字符。';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password));
  if (classes.length < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类。';
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) return '密码不能包含用户名。';
  if (COMMON.has(lower)) return '该密码过于常见，请另设一个。';
  return null;
}
