/** The environment, read once, validated and frozen. Every variable is listed in the README. */
import { DEFAULT_AUTH_POLICY, type AuthPolicy } from './domain/auth-policy.ts';

export interface Config {
  databaseUrl: string;
  host: string;
  port: number;
  logLevel: string;
  /** Secure flag on cookies: off by default for plain-HTTP localhost; set COOKIE_SECURE=true behind HTTPS */
  cookieSecure: boolean;
  /** trust X-Forwarded-For from a load balancer in front of the app */
  trustProxy: boolean;
  /** seconds a rendered public page is served from memory (0: off); see docs/adr/0007 */
  publicCacheSeconds: number;
  /** how much of the public 年度报告检查 one client and everyone together may use */
  reportCheck: ReportCheckAdmission;
  auth: AuthPolicy;
}

/**
 * Admission to the public report check (/report-check): anyone may upload there, and each check
 * holds up to 50 MB of upload in memory and a worker thread for up to its time limit.
 */
export interface ReportCheckAdmission {
  /** checks one client (IP address; behind a proxy, see TRUST_PROXY) may make per window */
  perClient: number;
  windowMinutes: number;
  /** public checks being uploaded or read at once; one more is told to come back later (503) */
  inFlight: number;
}

export const DEFAULT_REPORT_CHECK: Readonly<ReportCheckAdmission> = Object.freeze({
  perClient: 30,
  windowMinutes: 10,
  inFlight: 8,
});

function int(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`环境变量 ${name}=${raw} 无效：应为 ${min}–${max} 之间的整数。`);
  }
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, def: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`环境变量 ${name}=${raw} 无效：应为 true 或 false。`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  return Object.freeze({
    databaseUrl: env.DATABASE_URL || './data/gongkai.sqlite',
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 3000, 0, 65535),
    logLevel: env.LOG_LEVEL || 'info',
    cookieSecure: bool(env, 'COOKIE_SECURE', false),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    publicCacheSeconds: int(env, 'PUBLIC_CACHE_SECONDS', 5, 0, 3600),
    reportCheck: Object.freeze({
      perClient: int(env, 'REPORT_CHECK_PER_CLIENT', DEFAULT_REPORT_CHECK.perClient, 1, 10_000),
      windowMinutes: DEFAULT_REPORT_CHECK.windowMinutes,
      inFlight: int(env, 'REPORT_CHECK_IN_FLIGHT', DEFAULT_REPORT_CHECK.inFlight, 1, 1000),
    }),
    auth: Object.freeze({
      ...DEFAULT_AUTH_POLICY,
      sessionIdleMinutes: int(
        env,
        'SESSION_IDLE_MINUTES',
        DEFAULT_AUTH_POLICY.sessionIdleMinutes,
        1,
        1440,
      ),
      sessionMaxHours: int(env, 'SESSION_MAX_HOURS', DEFAULT_AUTH_POLICY.sessionMaxHours, 1, 168),
    }),
  });
}
