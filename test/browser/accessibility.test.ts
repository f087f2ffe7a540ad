/**
 * WCAG 2.1 A/AA checks (the basis of GB/T 37668) with axe-core in Chromium, on every kind of page:
 * public, login, each admin page, forms showing validation errors, and the error page.
 * axe-core is injected with CSP bypassed for the test only; the pages themselves run no script.
 */
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type Browser, type Page } from 'playwright-core';
import type { Deps } from '../../src/app/deps.ts';
import { SYSTEM_CTX, seedDemo } from '../../src/app/seed-demo.ts';
import { createUser } from '../../src/app/create-user.ts';
import { hashPassword } from '../../src/app/passwords.ts';
import { DEFAULT_AUTH_POLICY } from '../../src/domain/auth-policy.ts';
import { findAgencyByName } from '../../src/store/agencies.ts';
import { buildServer } from '../../src/web/server.ts';
import { engines, type TestDb } from '../support/engines.ts';
import { assertAccessible, CHROMIUM, HAVE_CHROMIUM, launchChromium } from '../support/browser.ts';

const PASSWORD = 'Access-Check-2026!';

let db: TestDb | undefined;
let app: FastifyInstance | undefined;
let browser: Browser | undefined;
let page: Page;
let base = '';
let yixiId = 0;
let districtId = 0;
let userId = 0;

before(async () => {
  if (!HAVE_CHROMIUM) return;
  db = await engines()[0]!.create();
  const deps: Deps = { store: db.store, now: () => new Date(), auth: DEFAULT_AUTH_POLICY };
  await seedDemo(deps);
  yixiId = (await findAgencyByName(db.store.db, '潮州市湘桥区意溪镇人民政府'))!.id;
  const district = (await findAgencyByName(db.store.db, '潮州市湘桥区人民政府'))!.id;
  districtId = district;
  const { user } = await createUser(deps, SYSTEM_CTX, {
    username: 'a11y.admin',
    displayName: '无障碍检查',
    role: 'agency_admin',
    agencyId: district,
  });
  userId = user.id;
  await db.store.db
    .updateTable('users')
    .set({ password_hash: await hashPassword(PASSWORD), must_change_password: 0 })
    .where('id', '=', user.id)
    .execute();
  app = await buildServer(deps, {
    config: { cookieSecure: false, trustProxy: false, logLevel: 'silent' },
    logger: false,
  });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
  const context = await browser.newContext({ bypassCSP: true, locale: 'zh-CN' });
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  await app?.close();
  await db?.drop();
});

const audit = (label: string) => assertAccessible(page, label);

test('every kind of page meets WCAG 2.1 AA (axe-core)', { timeout: 180_000 }, async (t) => {
  if (!HAVE_CHROMIUM) return t.skip(`未找到 Chromium：${CHROMIUM}`);
  const visit = async (path: string) => {
    await page.goto(base + path);
    await audit(path);
  };
  await visit('/');
  await visit('/agencies/11445102007236021F');
  await visit('/agencies/11445102007236021F/reports/2020');
  await visit('/no/such/page');
  await visit('/login');
  await page.getByRole('button', { name: '登录' }).click();
  await audit('/login with errors');
  await page.getByRole('textbox', { name: '用户名' }).fill('a11y.admin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/admin$/);
  await audit('/admin');
  for (const path of [
    '/admin/agencies',
    `/admin/agencies/${yixiId}`,
    `/admin/agencies/${yixiId}/edit`,
    '/admin/agencies/new',
    '/admin/users',
    '/admin/users/new',
    `/admin/users/${userId}`,
    '/admin/audit',
    '/admin/password',
    '/admin/reports?year=2022',
    `/admin/reports/${districtId}?year=2022`,
    `/admin/reports/${yixiId}?year=2020`,
    '/admin/reports/rollup?year=2022',
    `/admin/reports/${yixiId}/edit?year=2021`,
    `/admin/reports/${yixiId}/edit?year=2020`,
    `/admin/reports/${yixiId}?year=2021`,
  ]) {
    await visit(path);
  }
  await page.goto(`${base}/admin/agencies/new`);
  await page.getByRole('button', { name: '保存' }).click();
  await audit('/admin/agencies/new with errors');
  await page.goto(`${base}/admin/users/new`);
  await page.getByRole('button', { name: '保存' }).click();
  await audit('/admin/users/new with errors');
});
