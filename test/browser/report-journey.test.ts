/**
 * The annual report's journey in a real browser: the 意溪镇 officer opens the 2021 draft, writes a
 * narrative whose figure contradicts table 三, sees the finding, fixes it and submits; the
 * 政务公开办 supervisor returns it once with a comment, which the officer reads; after resubmission
 * the supervisor accepts, the approver publishes, and the report appears in the agency's public
 * 年报 column, where its DOCX downloads and opens. Screenshots go to /tmp/gongkai-shots.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import mammoth from 'mammoth';
import { type Browser, type Page } from 'playwright-core';
import { findAgency } from '../../src/store/agencies.ts';
import { addUser, startApp, type TestApp } from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';
import { CHROMIUM, HAVE_CHROMIUM, launchChromium, logInAs, SHOTS } from '../support/browser.ts';

const YEAR = 2021;

let db: TestDb | undefined;
let t: TestApp | undefined;
let browser: Browser | undefined;
let base = '';

before(async () => {
  if (!HAVE_CHROMIUM) return;
  db = await engines()[0]!.create();
  t = await startApp(db);
  await addUser(t, 'yixi.officer', 'officer', 'yixi');
  await addUser(t, 'yixi.approver', 'approver', 'yixi');
  await addUser(t, 'xq.supervisor', 'supervisor', 'office');
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await t?.close();
  await db?.drop();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

/** A fresh browser session logged in as `username`. */
async function session(username: string): Promise<Page> {
  const context = await browser!.newContext({
    baseURL: base,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logInAs(page, username);
  assert.deepEqual(errors, []);
  return page;
}

async function act(page: Page, button: string, comment?: { label: RegExp; text: string }) {
  if (comment) await page.getByRole('textbox', { name: comment.label }).fill(comment.text);
  await Promise.all([
    page.waitForURL((u) => u.searchParams.has('done')),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
}

test(
  'report journey: edit, finding, fix, submit, return, accept, publish, public page, DOCX',
  { timeout: 120_000 },
  async (tc) => {
    if (!HAVE_CHROMIUM) {
      tc.skip(`未找到 Chromium（${CHROMIUM}），浏览器测试未运行`);
      return;
    }
    const yixi = t!.agencies.yixi!;
    const report = `/admin/reports/${yixi}?year=${YEAR}`;

    // --- the officer writes the narrative; a number contradicts table 三 ---
    const officer = await session('yixi.officer');
    await officer.goto(report);
    const status = officer.getByRole('region', { name: '报送与发布' });
    assert.match(await status.innerText(), /草稿（第1版）/);
    await officer.getByRole('link', { name: '编辑文字与统计数据' }).click();
    const overview = officer.getByRole('textbox', { name: '一、总体情况' });
    await overview.fill('2021年，我镇共收到政府信息公开申请3件，均已按时答复。');
    // the panel beside the form re-checks as the officer types, before anything is saved
    const live = officer.getByRole('complementary', { name: '校验结果' });
    await live.getByText('TEXT-NUM').waitFor();
    assert.match(await live.innerText(), /3/);
    await shot(officer, 'r01-finding');
    await officer.getByRole('button', { name: '保存并重新校验' }).click();
    await officer.getByRole('status').getByText('已保存').waitFor();
    assert.match(await live.innerText(), /TEXT-NUM/);
    // --- fixes it ---
    await overview.fill('2021年，我镇未收到政府信息公开申请。');
    await live.getByText('TEXT-NUM').waitFor({ state: 'detached' });
    await officer.getByRole('button', { name: '保存并重新校验' }).click();
    await officer.getByRole('status').getByText('已保存').waitFor();
    assert.doesNotMatch(await officer.locator('main').innerText(), /TEXT-NUM/);
    // --- submits ---
    await officer.goto(report);
    await act(officer, '报送审核');
    assert.match(await status.innerText(), /已报送，待审核/);
    // locked while under review
    assert.equal(await officer.getByRole('link', { name: '编辑文字与统计数据' }).count(), 0);

    // --- the supervisor sees it in the list and returns it once ---
    const supervisor = await session('xq.supervisor');
    await supervisor.goto(`/admin/reports?year=${YEAR}`);
    const row = supervisor.getByRole('row', { name: /意溪镇/ });
    assert.match(await row.innerText(), /已报送，待审核/);
    await row.getByRole('link', { name: '查看报告' }).click();
    // returning needs a comment: an empty one is refused and explained
    await supervisor
      .getByRole('textbox', { name: /退回意见/ })
      .evaluate((el) => el.removeAttribute('required'));
    await supervisor.getByRole('button', { name: '退回修改', exact: true }).click();
    await supervisor
      .getByRole('alert')
      .getByText(/请写明需要修改的内容/)
      .waitFor();
    await act(supervisor, '退回修改', {
      label: /退回意见/,
      text: '请在总体情况中补充主动公开情况。',
    });
    assert.match(
      await supervisor.getByRole('region', { name: '报送与发布' }).innerText(),
      /已退回修改/,
    );
    await shot(supervisor, 'r02-returned');

    // --- the officer reads the comment, adds the sentence, resubmits ---
    await officer.goto(report);
    assert.match(await status.innerText(), /请在总体情况中补充主动公开情况。/);
    await officer.getByRole('link', { name: '编辑文字与统计数据' }).click();
    await overview.fill('2021年，我镇通过政府网站主动公开政府信息。全年未收到政府信息公开申请。');
    await officer.getByRole('button', { name: '保存并重新校验' }).click();
    await officer.getByRole('status').getByText('已保存').waitFor();
    await officer.goto(report);
    await act(officer, '报送审核', { label: /报送说明/, text: '已按意见补充。' });

    // --- the supervisor accepts; the approver publishes ---
    await supervisor.goto(`/admin/reports/${yixi}?year=${YEAR}`);
    await act(supervisor, '审核通过');
    const approver = await session('yixi.approver');
    await approver.goto(report);
    await act(approver, '发布');
    const published = approver.getByRole('region', { name: '报送与发布' });
    assert.match(await published.innerText(), /已发布/);
    await shot(approver, 'r03-published');

    // --- the public 年报 column ---
    const agency = (await findAgency(t!.deps.store.db, yixi))!;
    const visitor = await browser!.newContext({
      baseURL: base,
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    const pub = await visitor.newPage();
    await pub.goto(`/agencies/${agency.creditCode}`);
    const column = pub.getByRole('region', { name: '政府信息公开工作年度报告' });
    await column
      .getByRole('link', { name: `${agency.name}${YEAR}年政府信息公开工作年度报告` })
      .click();
    await pub
      .getByRole('heading', { level: 1, name: `${agency.name}${YEAR}年政府信息公开工作年度报告` })
      .waitFor();
    assert.match(await pub.locator('main').innerText(), /通过政府网站主动公开政府信息/);
    assert.match(await pub.locator('main').innerText(), /发布日期/);
    await shot(pub, 'r04-public');
    const [download] = await Promise.all([
      pub.waitForEvent('download'),
      pub.getByRole('link', { name: 'DOCX' }).click(),
    ]);
    const file = await download.path();
    const { value } = await mammoth.extractRawText({ buffer: readFileSync(file) });
    assert.match(value, new RegExp(`${agency.name}${YEAR}年政府信息公开工作年度报告`));
    assert.match(value, /通过政府网站主动公开政府信息/);
    assert.match(value, /本年新收政府信息公开申请数量/);
    await visitor.close();
  },
);
