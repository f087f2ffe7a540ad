import { randomInt } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** argon2id with the OWASP minimum parameters (m = 19 MiB, t = 2, p = 1). */
// Algorithm.Argon2id is an ambient const enum (2), which isolated-module builds cannot import.
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the user name is unknown (equal timing). */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword(generatePassword()));

/**
 * A one-time password of four groups (upper, lower, digits, mixed), e.g. `KQWM-hxtp-4827-Rb7d`:
 * ~72 bits, unambiguous characters, satisfies the password policy.
 */
export function generatePassword(): string {
  const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const lower = 'abcdefghijkmnpqrstuvwxyz';
  const digits = '23456789';
  const pick = (set: string, n: number) =>
    Array.from({ length: n }, () => set[randomInt(set.length)]).join('');
  return [pick(upper, 4), pick(lower, 4), pick(digits, 4), pick(upper + lower + digits, 4)].join(
    '-',
  );
}
