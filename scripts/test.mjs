// Runs every test file with node's test runner (Node 20 does not expand globs itself) and
// says in one line what could not run here and why. Under CI=true nothing may be left out.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? find(p) : p.endsWith('.test.ts') ? [p] : [];
    })
    .sort();
}

const only = process.argv.slice(2);
const files = only.length ? only : find('test');
const missing = [];
const pg = /^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL ?? '');
if (!pg)
  missing.push('PostgreSQL 集成测试（DATABASE_URL 未指向 PostgreSQL 服务器，仅在 SQLite 上运行）');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) missing.push(`浏览器测试（未找到 Chromium：${chromium}）`);

if (process.env.CI === 'true' && missing.length) {
  console.error(`CI 中不允许跳过：${missing.join('；')}`);
  process.exit(1);
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...files],
  { stdio: 'inherit', env: process.env },
);
console.log(
  missing.length
    ? `未能运行：${missing.join('；')}。`
    : '所有测试（SQLite、PostgreSQL、浏览器）均已运行。',
);
process.exit(result.status ?? 1);
