/** Exit codes of every command: 0 ok, 1 findings or refused, 2 usage or input errors. */
import { DomainError } from '../domain/errors.ts';

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

export const CLI_CTX_ACTOR = {
  userId: 0,
  username: 'cli',
  role: 'platform_admin' as const,
  agencyId: null,
};

/** Maps an error to its message and exit code, in one place. */
export function exitCodeFor(err: unknown): { code: number; message: string } {
  if (err instanceof UsageError) return { code: EXIT_USAGE, message: err.message };
  if (err instanceof DomainError) {
    const code = err.kind === 'invalid' ? EXIT_USAGE : EXIT_REFUSED;
    return { code, message: err.message };
  }
  return { code: EXIT_REFUSED, message: `出错：${(err as Error)?.message ?? String(err)}` };
}
