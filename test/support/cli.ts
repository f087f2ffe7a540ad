/** Runs the real `gongkai` command (bin/gongkai.js) against a test database. */
import { spawnSync } from 'node:child_process';

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/** `gongkai …args` with DATABASE_URL = `url`; CI is cleared so that commands behave as on a desk. */
export function gongkai(url: string, ...args: string[]): CliResult {
  const r = spawnSync(process.execPath, ['bin/gongkai.js', ...args], {
    env: { ...process.env, DATABASE_URL: url, CI: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
