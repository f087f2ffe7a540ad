/** Session lifetime and login throttling (GB/T 22239-2019 8.1.4.1: 登录失败处理、连接超时自动退出). */
export interface AuthPolicy {
  /** a session ends after this long without a request */
  sessionIdleMinutes: number;
  /** and in any case this long after login */
  sessionMaxHours: number;
  /** failed logins for one account within the window before it is refused */
  maxFailuresPerAccount: number;
  /** failed logins from one address within the window before it is refused */
  maxFailuresPerAddress: number;
  throttleWindowMinutes: number;
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 30,
  throttleWindowMinutes: 15,
};

export function sessionExpiry(policy: AuthPolicy, createdAt: Date, now: Date): Date {
  const idle = now.getTime() + policy.sessionIdleMinutes * 60_000;
  const max = createdAt.getTime() + policy.sessionMaxHours * 3_600_000;
  return new Date(Math.min(idle, max));
}
