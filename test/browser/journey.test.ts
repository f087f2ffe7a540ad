/**
 * The first-run journey in a real browser (Chromium through playwright-core): the platform
 * administrator logs in with the one-time password, is made to change it, creates a 承办人员
 * for 意溪镇, logs out; the officer logs in, changes the password, and sees only 意溪镇.
 * Fields are found by their labels, as a person (or a screen reader) finds them.
 * Screenshots go to /tmp/gongkai-shots for a human look; they are not compared.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { bootstrapPlatformAdmin } from '../../src/app/bootstrap-platform-admin.ts';
import type { Deps } from '../../src/app/deps.ts';
import { seedDemo } from '../../src/app/seed-demo.ts';
import { DEFAULT_AUTH_POLICY } from '../../src/domain/auth-policy.ts';
import { findAgencyByName } from '../../src/store/agencies.ts';
import { buildServer } from '../../src/web/server.ts';
import { engines, type TestDb } from '../support/engines.ts';
import { CHROMIUM, HAVE_CHROMIUM, launchChromium, SHOTS } from '../support/browser.ts';

const YIXI = '潮州市湘桥区意溪镇人民政府';
const HIDDEN_FROM_OFFICER = ['磷溪镇', '教育局', '湘桥区人民政府'];
const ADMIN_NEW_PASSWORD = 'Chaozhou-Platform-2026!';
const OFFICER = 'chen.xiaoming';
const OFFICER_NEW_PASSWORD = 'Yixi-Officer-2026!';

let db: TestDb | undefined;
let app: FastifyInstance | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let base = '';
let adminPassword = '';
let lingxiId = 0;

before(async () => {
  if (!HAVE_CHROMIUM) return;
  db = await engines()[0]!.create();
  const deps: Deps = { store: db.store, now: () => new Date(), auth: DEFAULT_AUTH_POLICY };
  await seedDemo(deps);
  const admin = await bootstrapPlatformAdmin(deps);
  assert.ok(admin, 'a fresh database gets a platform administrator');
  adminPassword = admin.password;
  lingxiId = (await findAgencyByName(db.store.db, '潮州市湘桥区磷溪镇人民政府'))!.id;
  app = await buildServer(deps, {
    config: { cookieSecure: false, trustProxy: false, logLevel: 'silent' },
    logger: false,
  });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
  context = await browser.newContext({
    baseURL: base,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
  });
  context.setDefaultTimeout(10_000);
});

after(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
  await db?.drop();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

const path = (page: Page) => new URL(page.url()).pathname;

/**
 * A form control found by its accessible name, which comes from its <label> (so this also checks
 * that every field is labelled). getByLabel would match the label's raw text, which includes the
 * aria-hidden " *" of required fields; the accessible name (what a screen reader says) does not.
 */
const input = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });
const choice = (page: Page, name: string) => page.getByRole('combobox', { name, exact: true });

/** The first Tab on a freshly loaded page lands on the skip link. */
async function assertSkipLinkFirst(page: Page) {
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const el = document.activeElement as HTMLAnchorElement | null;
    return { text: el?.textContent?.trim() ?? '', href: el?.getAttribute('href') ?? '' };
  });
  assert.deepEqual(focused, { text: '跳到主要内容', href: '#content' }, `on ${page.url()}`);
}

async function logIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await input(page, '用户名').fill(username);
  await input(page, '密码').fill(password);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== '/login'),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
}

async function changePassword(page: Page, current: string, next: string) {
  await input(page, '当前密码').fill(current);
  await input(page, '新密码').fill(next);
  await input(page, '确认新密码').fill(next);
  // the answer is either /admin (after a redirect) or the same form again with the errors
  await Promise.all([
    page.waitForEvent('framenavigated', (f) => f === page.mainFrame()),
    page.getByRole('button', { name: '保存新密码' }).click(),
  ]);
  await page.waitForLoadState();
  if (path(page) !== '/admin') {
    const alert = await page
      .getByRole('alert')
      .innerText()
      .catch(() => '');
    assert.fail(`password change refused on ${page.url()}: ${alert}`);
  }
  await page.getByRole('status').getByText('密码已修改').waitFor();
}

test(
  'first run: admin creates an officer, who sees only their own agency',
  { timeout: 120_000 },
  async (t) => {
    if (!HAVE_CHROMIUM) {
      t.skip(`未找到 Chromium（${CHROMIUM}），浏览器测试未运行；设置 CHROMIUM_PATH 指向浏览器`);
      return;
    }
    const page = await context!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // CSP violations and the like; HTTP errors are checked below by their status instead
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
        errors.push(m.text());
    });
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/assets/') && r.status() !== 200)
        errors.push(`${r.url()}: ${r.status()}`);
    });

    // --- the administrator's first login ---
    await page.goto('/login');
    assert.equal(await page.title(), '工作人员登录 - 政府信息公开平台');
    await assertSkipLinkFirst(page);
    await shot(page, '01-login');

    await logIn(page, 'admin', adminPassword);
    assert.equal(path(page), '/admin/password', 'a one-time password must be changed first');
    await page.getByRole('status').getByText('请先设置一个只有您知道的新密码').waitFor();
    await shot(page, '02-forced-password');

    // nothing else is reachable until the password is changed
    await page.goto('/admin/users');
    assert.equal(path(page), '/admin/password');

    await changePassword(page, adminPassword, ADMIN_NEW_PASSWORD);

    // --- creating the officer: first an empty submission, to see the errors ---
    await page.goto('/admin/users/new');
    await assertSkipLinkFirst(page);
    await page.getByRole('button', { name: '保存' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /用户名/);
    assert.match(await alert.innerText(), /姓名/);
    const username = input(page, '用户名');
    assert.equal(await username.getAttribute('aria-invalid'), 'true');
    assert.match((await username.getAttribute('aria-describedby')) ?? '', /\be-username\b/);
    // the summary's links lead to the fields
    await alert.getByRole('link', { name: /用户名/ }).click();
    assert.equal(new URL(page.url()).hash, '#f-username');
    await shot(page, '03-users-new-errors');

    await username.fill(OFFICER);
    await input(page, '姓名').fill('陈晓明');
    // required selects say so to assistive technology (the visible * is aria-hidden)
    assert.equal(await choice(page, '所属机关').getAttribute('aria-required'), 'true');
    await choice(page, '所属机关').selectOption({ label: YIXI });
    await choice(page, '角色').selectOption({ label: '承办人员' });
    assert.equal(await choice(page, '角色').inputValue(), 'officer');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { level: 1, name: `用户：${OFFICER}` }).waitFor();
    const officerPassword = (
      await page.locator('[data-testid="one-time-password"]').innerText()
    ).trim();
    assert.match(officerPassword, /^[A-Z]{4}-[a-z]{4}-[0-9]{4}-[A-Za-z0-9]{4}$/);
    const facts = await page.locator('dl.facts').innerText();
    assert.match(facts, new RegExp(YIXI));
    assert.match(facts, /承办人员/);
    assert.match(facts, /待修改初始密码/);
    await shot(page, '04-user-created');

    // --- log out through the header button ---
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/login'),
      page.locator('header').getByRole('button', { name: '退出' }).click(),
    ]);
    await page.goto('/admin');
    assert.equal(path(page), '/login', 'after logging out the admin pages ask for a login');

    // --- the officer's first login ---
    await logIn(page, OFFICER, officerPassword);
    assert.equal(path(page), '/admin/password');
    await changePassword(page, officerPassword, OFFICER_NEW_PASSWORD);
    assert.match(await page.locator('header').innerText(), /陈晓明（承办人员）/);

    for (const url of ['/admin', '/admin/agencies']) {
      if (path(page) !== url) await page.goto(url);
      await assertSkipLinkFirst(page);
      const text = await page.locator('body').innerText();
      const markup = await page.content();
      assert.match(text, /意溪镇/, `${url} shows the officer's own agency`);
      for (const name of HIDDEN_FROM_OFFICER) {
        assert.ok(!text.includes(name), `${url} must not show ${name}`);
        assert.ok(!markup.includes(name), `${url} must not carry ${name} in its markup`);
      }
      if (url === '/admin') await shot(page, '05-officer-admin');
    }

    const res = await page.goto(`/admin/agencies/${lingxiId}`);
    assert.equal(res?.status(), 404);
    assert.match(await page.locator('main').innerText(), /不存在/);
    assert.ok(!(await page.locator('body').innerText()).includes('磷溪镇'));

    // --- the public site ---
    const visitor = await context!.browser()!.newContext({
      baseURL: base,
      locale: 'zh-CN',
      viewport: { width: 1280, height: 800 },
    });
    try {
      const pub = await visitor.newPage();
      await pub.goto('/');
      await assertSkipLinkFirst(pub);
      const tree = await pub.getByRole('navigation', { name: '机关列表' }).innerText();
      for (const name of [
        '潮州市人民政府',
        YIXI,
        '潮州市湘桥区磷溪镇人民政府',
        '潮州市湘桥区教育局',
      ])
        assert.ok(tree.includes(name), `the public list shows ${name}`);
      await shot(pub, '06-public-home');

      await pub.getByRole('link', { name: YIXI }).click();
      await pub.waitForURL((u) => u.pathname === '/agencies/11445102007236021F');
      await pub.getByRole('heading', { level: 1, name: `${YIXI}政府信息公开` }).waitFor();
      assert.match(await pub.locator('main').innerText(), /0768-2318000/);
      assert.equal(await pub.title(), `政府信息公开 - ${YIXI}`);
      await shot(pub, '07-public-agency');
    } finally {
      await visitor.close();
    }

    assert.deepEqual(errors, [], 'no script or console errors (for example CSP violations)');
  },
);
