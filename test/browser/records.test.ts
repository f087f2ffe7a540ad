/**
 * The 记录 pages in a real Chromium: an officer records an application through the form (a
 * locked year refused, a missing date shown beside its field, then saved) and its decision; every
 * page meets WCAG 2.1 AA (axe-core). Screenshots go to /tmp/gongkai-shots for a human look.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { addUser, PASSWORD, startApp, type TestApp } from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';
import {
  assertAccessible,
  CHROMIUM,
  HAVE_CHROMIUM,
  launchChromium,
  SHOTS,
} from '../support/browser.ts';

let db: TestDb | undefined;
let t: TestApp | undefined;
let browser: Browser | undefined;
let page: Page;
let base = '';

before(async () => {
  if (!HAVE_CHROMIUM) return;
  db = await engines()[0]!.create();
  t = await startApp(db, () => new Date('2026-03-10T04:00:00Z'));
  await addUser(t, 'xq.records', 'officer', 'district');
  const at = '2026-01-20T00:00:00.000Z';
  const published = await db.store.db
    .selectFrom('annual_reports')
    .select('id')
    .where('agency_id', '=', t.agencies.district!)
    .where('year', '=', 2024)
    .executeTakeFirst();
  if (!published)
    await db.store.db
      .insertInto('annual_reports')
      .values({
        agency_id: t.agencies.district!,
        year: 2024,
        version: 1,
        status: 'published',
        revision_note: null,
        snapshot_json: null,
        created_at: at,
        updated_at: at,
        submitted_at: null,
        accepted_at: null,
        published_at: at,
      })
      .execute();
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
  const context = await browser.newContext({ bypassCSP: true, locale: 'zh-CN' });
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  await t?.close();
  await db?.drop();
});

const audit = (label: string) => assertAccessible(page, label);

const shot = (name: string) =>
  page.screenshot({ path: `${SHOTS}/records-${name}.png`, fullPage: true });

test(
  'an officer records an application and its decision through the forms',
  { timeout: 120_000 },
  async (c) => {
    if (!HAVE_CHROMIUM) return c.skip(`未找到 Chromium：${CHROMIUM}`);
    await page.goto(`${base}/login`);
    await page.getByRole('textbox', { name: '用户名' }).fill('xq.records');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: '记录' }).click();
    await audit('/admin/records');
    await page.getByRole('link', { name: '潮州市湘桥区人民政府', exact: true }).click();
    await page.getByRole('link', { name: '2024', exact: true }).click();
    await audit('records list 2024');
    await shot('list');

    await page.getByRole('link', { name: '登记申请' }).click();
    await page.getByLabel('申请编号').fill('湘申2024-999');
    await page.getByLabel('申请人类型').selectOption('business');
    await page.getByLabel('收到申请日期').fill('2024-10-01');
    await page.getByLabel('办理结果').selectOption('disclosed');
    await page.getByLabel('答复日期').fill('2024-10-10');
    await page.getByRole('button', { name: '登记申请' }).click();
    await assert.doesNotReject(page.getByText('2024年度报告已发布（第').first().waitFor());
    assert.equal(await page.getByLabel('申请编号').inputValue(), '湘申2024-999');
    await audit('refused (409)');
    await shot('refused');

    await page.getByLabel('收到申请日期').fill('2026-01-05');
    await page.getByLabel('答复日期').fill('');
    await page.getByRole('button', { name: '登记申请' }).click();
    await page.getByText('已填办理结果，请填写答复日期。').first().waitFor();
    await audit('form with errors');
    await shot('errors');

    await page.getByLabel('办理结果').selectOption('');
    await page.getByRole('button', { name: '登记申请' }).click();
    await page.getByText('已登记申请。').waitFor();
    const row = page.getByRole('row', { name: /湘申2024-999/ });
    await row.getByRole('link', { name: '登记办理结果' }).click();
    await audit('decision form');
    await shot('decision');
    await page.getByLabel('办理结果').selectOption('unavailable.not_held');
    await page.getByLabel('答复日期').fill('2026-02-03');
    await page.getByRole('button', { name: '登记办理结果' }).click();
    await page.getByText('已登记办理结果。').waitFor();
    assert.match(
      await page.getByRole('row', { name: /湘申2024-999/ }).innerText(),
      /无法提供：本机关不掌握相关政府信息/,
    );
  },
);
