/**
 * `gongkai serve --demo` as `npm start` runs it: first start seeds and prints a one-time
 * password once; SIGTERM shuts down gracefully (exit 0); a second start keeps the data.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-serve-'));
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<{
  url: string;
  out: () => string;
  stop: () => Promise<number | null>;
}> {
  const child = spawn(process.execPath, ['bin/gongkai.js', 'serve', '--demo'], {
    env: {
      ...process.env,
      DATABASE_URL: join(dir, 'demo.sqlite'),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 30 s:\n${out}`)), 30_000);
    const check = () => {
      const m = /已启动：(http:\/\/localhost:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      } else setTimeout(check, 50);
    };
    check();
  });
  return {
    url,
    out: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

test(
  'npm start: demo data and a one-time password on the first start only; graceful stop',
  { timeout: 90_000 },
  async () => {
    const first = await start();
    assert.match(first.out(), /一次性密码：[A-Za-z0-9-]{19}/);
    assert.match(first.out(), /已写入演示数据：6 个机关/);
    const health = await fetch(`${first.url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok', engine: 'sqlite' });
    assert.match(await (await fetch(first.url)).text(), /潮州市湘桥区意溪镇人民政府/);
    assert.equal(await first.stop(), 0, 'SIGTERM ends the server cleanly');

    const second = await start();
    assert.doesNotMatch(second.out(), /一次性密码/);
    assert.doesNotMatch(second.out(), /已写入演示数据/);
    const home = await (await fetch(second.url)).text();
    assert.equal(home.match(/href="\/agencies\//g)?.length, 6, 'the same six agencies, not twelve');
    assert.equal(await second.stop(), 0);
  },
);
