// Real published pages saved by Chromium as one file (网页，单个文件: MHTML, what Chrome and Edge
// write for .mhtml, the snapshot DevTools' Page.captureSnapshot takes): read as the page itself
// is — the same tables, agency, year and findings — and said to be MHTML.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { auditPublishedReport } from '../../src/app/audit-published-report.ts';
import { CHROMIUM, HAVE_CHROMIUM, launchChromium } from '../support/browser.ts';
import { gbk } from '../support/gbk.ts';

const REAL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/reports/real');
const PAGES = readdirSync(REAL).filter((f) => f.endsWith('.html'));

let browser: Browser | undefined;
before(async () => {
  if (HAVE_CHROMIUM) browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const URL = 'http://www.example.gov.cn/zfxxgk/nb/t20250124.html';

/**
 * The page as Chromium saves it as one file, served from a site in UTF-8 or in GBK (as older
 * Chinese sites serve theirs), offline (its images and styles not fetched).
 */
async function savedAsOneFile(
  html: string,
  charset: 'utf-8' | 'gbk' = 'utf-8',
): Promise<Uint8Array> {
  const context = await browser!.newContext({ locale: 'zh-CN' });
  try {
    const body = charset === 'gbk' ? gbk(html) : Buffer.from(html);
    await context.route('**/*', (route) =>
      route.request().url() === URL
        ? route.fulfill({ body, contentType: `text/html; charset=${charset}` })
        : route.abort(),
    );
    const page = await context.newPage();
    await page.goto(URL, { waitUntil: 'domcontentloaded' });
    const cdp = await context.newCDPSession(page);
    const { data } = (await cdp.send('Page.captureSnapshot', { format: 'mhtml' })) as {
      data: string;
    };
    return new TextEncoder().encode(data);
  } finally {
    await context.close();
  }
}

test('real pages saved by Chromium as one file (MHTML): read as the pages are', async (c) => {
  if (!HAVE_CHROMIUM) return c.skip(`未找到 Chromium：${CHROMIUM}`);
  assert.ok(PAGES.length >= 5, PAGES.join(', '));
  for (const file of PAGES) {
    const html = readFileSync(path.join(REAL, file), 'utf8');
    const page = await auditPublishedReport(new TextEncoder().encode(html));
    // (in GBK, the page says so in its <meta>: Chromium keeps its bytes and the part declares nothing)
    const inGbk = html
      .replace(/<meta[^>]*charset[^>]*>/i, '')
      .replace('<head>', '<head><meta charset="gbk">');
    for (const [charset, source] of [
      ['utf-8', html],
      ['gbk', inGbk],
    ] as const) {
      const on = `${file} (${charset})`;
      const bytes = await savedAsOneFile(source, charset);
      assert.match(new TextDecoder().decode(bytes.subarray(0, 200)), /^From: <Saved by Blink>/);
      const saved = await auditPublishedReport(bytes);
      assert.equal(saved.format, 'mhtml', on);
      assert.ok(saved.report && page.report, on);
      for (const k of ['table2', 'table3', 'table4', 'year', 'format'] as const)
        assert.deepEqual(saved.report[k], page.report[k], `${on}: ${k}`);
      assert.equal(saved.report.agency.name, page.report.agency.name, on);
      assert.deepEqual(
        saved.findings.map((f) => `${f.rule} ${f.where}`),
        page.findings.map((f) => `${f.rule} ${f.where}`),
        on,
      );
    }
  }
});
