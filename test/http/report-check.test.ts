/**
 * 年报检查 over HTTP: the public single-file check (multipart upload, pre-session CSRF token,
 * the offending cells highlighted with stated vs computed), refusals with Chinese messages, the
 * parser confined to the upload routes, and a supervising office's batch with its XLSX read back.
 * The pages read no database; one engine is enough.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import {
  addUser,
  cookieHeader,
  cookiesOf,
  hiddenCsrf,
  login,
  startApp,
  type TestApp,
} from '../support/app.ts';
import { engines, type TestDb } from '../support/engines.ts';
import { pdfToOfd } from '../support/pdf-to-ofd.ts';

/** copies of ../shared/examples/reports kept in the repository, so that a clone tests alone */
const EXAMPLES = new URL('../fixtures/reports/', import.meta.url);
const example = (name: string) => readFileSync(new URL(name, EXAMPLES));
const REAL = 'test/fixtures/reports/real';

interface Part {
  field: string;
  value: string | { name: string; bytes: Uint8Array };
}

/** A multipart body the way a browser builds it (FormData through the fetch Request encoder). */
async function multipart(parts: readonly Part[]) {
  const form = new FormData();
  for (const p of parts)
    if (typeof p.value === 'string') form.append(p.field, p.value);
    else form.append(p.field, new Blob([new Uint8Array(p.value.bytes)]), p.value.name);
  const req = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    contentType: req.headers.get('content-type')!,
    payload: Buffer.from(await req.arrayBuffer()),
  };
}

const engine = engines()[0]!;

describe('年报检查 pages', () => {
  let db: TestDb;
  let t: TestApp;
  before(async () => {
    db = await engine.create();
    t = await startApp(db);
    await addUser(t, 'checker', 'supervisor', 'office');
  });
  after(async () => {
    await t.close();
    await db.drop();
  });

  /** The public form, then an upload with its token and cookie. */
  async function publicUpload(
    files: Part['value'][],
    opts: { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    const page = await t.app.inject({ method: 'GET', url: '/report-check' });
    const jar = cookiesOf(page);
    const parts: Part[] = [
      ...(opts.csrf === false ? [] : [{ field: '_csrf', value: hiddenCsrf(page.body) }]),
      ...files.map((value) => ({ field: 'report', value })),
    ];
    const body = await multipart(parts);
    return t.app.inject({
      method: 'POST',
      url: '/report-check',
      headers: { cookie: cookieHeader(jar), 'content-type': body.contentType },
      payload: body.payload,
    });
  }

  test('the public form is linked from the portal and uploads multipart', async () => {
    const home = await t.app.inject({ method: 'GET', url: '/' });
    assert.match(home.body, /href="\/report-check"/);
    const page = await t.app.inject({ method: 'GET', url: '/report-check' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    assert.match(page.body, /不会保存/);
    assert.ok(cookiesOf(page).gk_pre, 'a pre-session token cookie is set');
  });

  test('Pingtan 2020: 三（七） totals highlighted with stated and computed values', async () => {
    const res = await publicUpload([
      { name: '2020_pingtan.txt', bytes: example('2020_pingtan.txt') },
    ]);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /发现 <strong>2<\/strong> 个错误/);
    assert.match(res.body, /<code>T3-SUM7<\/code>/);
    // the 三（七） row of table 三: the 自然人 cell (first value) and the 总计 cell (last)
    const row = /<tr><th scope="row"[^>]*>（七）总计<\/th>(.*?)<\/tr>/s.exec(res.body)?.[1];
    assert.ok(row, 'the 三（七） row is rendered');
    const cells = [...row.matchAll(/<td class="([^"]*)">(.*?)<\/td>/gs)];
    assert.equal(cells.length, 7);
    assert.match(cells[0]![1]!, /flag-error/);
    assert.match(cells[0]![2]!, />20<\/a><span class="flag-note">应为 26<\/span>/);
    assert.match(cells[6]![1]!, /flag-error/);
    assert.match(cells[6]![2]!, />21<\/a><span class="flag-note">应为 27<\/span>/);
    for (const c of cells.slice(1, 6)) assert.doesNotMatch(c[1]!, /flag-error/);
    // each highlighted cell links to a finding that exists on the page
    const href = /href="#(f-\d+)"/.exec(cells[0]![2]!)?.[1];
    assert.match(res.body, new RegExp(`<li id="${href}" class="sev-error">`));
    // the READ-AMBIGUOUS cells are shown blank and marked as warnings, never as 0
    assert.match(res.body, /flag-warning"><a [^>]*>（空）<\/a>/);
  });

  test('TEXT-NUM: the table cell is marked with the narrative’s count, the figures named as such', async () => {
    // 沭阳县 2025: 受理 749 件 in 一、总体情况, table 三 一 总计 713 (+ 36 carried over)
    const res = await publicUpload([
      { name: 'shuyang.txt', bytes: readFileSync(`${REAL}/2025_shuyang-county.txt`) },
    ]);
    assert.equal(res.statusCode, 200);
    const row = /<tr><th scope="row"[^>]*>一、本年新收政府信息公开申请数量<\/th>(.*?)<\/tr>/s.exec(
      res.body,
    )?.[1];
    assert.ok(row, 'the 一 row is rendered');
    const total = [...row.matchAll(/<td class="([^"]*)">(.*?)<\/td>/gs)].at(-1);
    assert.match(total?.[1] ?? '', /flag-warning/);
    // (never 713 marked 应为 713)
    assert.match(total?.[2] ?? '', />713<\/a><span class="flag-note">正文 749<\/span>/);
    const item =
      /<li id="f-\d+" class="sev-warning">\s*<strong>提示<\/strong> <code>TEXT-NUM<\/code>.*?<\/li>/s.exec(
        res.body,
      )?.[0];
    assert.ok(item, 'the TEXT-NUM finding is listed');
    assert.match(item, /正文：<strong>749<\/strong>，表格：<strong>713<\/strong>/);
    assert.match(item, /749件正是本年新收713件与上年结转36件之和/);
  });

  test('a Word 97–2003 (.doc), RTF or OFD report: read and shown, the file kind named', async () => {
    const bytes = new Uint8Array(
      readFileSync('test/fixtures/reports/real/2024_junshan-area-doc.doc'),
    );
    const res = await publicUpload([{ name: '君山片区2024年报.doc', bytes }]);
    // (and the same page saved as RTF, as a .doc may be)
    const rtf = await publicUpload([
      {
        name: 'junshan.doc',
        bytes: readFileSync('test/fixtures/reports/real/2024_junshan-area-rtf.rtf'),
      },
    ]);
    assert.equal(rtf.statusCode, 200);
    assert.match(rtf.body, /junshan\.doc（RTF）/);
    // and its PDF pages as OFD
    const pdf = readFileSync('test/fixtures/reports/real/2024_junshan-area-pdf.pdf');
    const ofd = await publicUpload([
      { name: 'junshan.ofd', bytes: await pdfToOfd(new Uint8Array(pdf)) },
    ]);
    assert.equal(ofd.statusCode, 200);
    assert.match(ofd.body, /junshan\.ofd（OFD 版式文件）/);
    assert.match(ofd.body, /平潭综合实验区君山片区管理局/);
    assert.match(rtf.body, /平潭综合实验区君山片区管理局/);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Word 97–2003（DOC）/);
    assert.match(res.body, /平潭综合实验区君山片区管理局/);
    assert.match(res.body, /未发现错误|发现 <strong>0<\/strong> 个错误/);
    // table 二's 行政规范性文件 row as the page prints it: 0, 0, 11
    const row = /<tr><th scope="row"[^>]*>行政规范性文件<\/th>(.*?)<\/tr>/s.exec(res.body)?.[1];
    assert.deepEqual(
      [...(row ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1]!.replace(/<[^>]+>/g, '')),
      ['0', '0', '11'],
    );
  });

  test('refusals: no file, an empty file, garbage, no token, a file over 50 MB', async () => {
    const none = await publicUpload([]);
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /请选择要检查的年度报告文件/);
    const empty = await publicUpload([{ name: 'a.txt', bytes: new Uint8Array() }]);
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /a\.txt：文件是空的/);
    const garbage = await publicUpload([
      { name: 'x.pdf', bytes: Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256) },
    ]);
    assert.equal(garbage.statusCode, 422);
    assert.match(garbage.body, /role="alert"/);
    const forged = await publicUpload([{ name: 'r.txt', bytes: example('2020_pingtan.txt') }], {
      csrf: false,
    });
    assert.equal(forged.statusCode, 403);
    const big = new Uint8Array(50 * 1024 * 1024 + 1).fill(0x20);
    const tooBig = await publicUpload([{ name: 'big.txt', bytes: big }]);
    assert.equal(tooBig.statusCode, 422);
    assert.match(tooBig.body, /big\.txt：文件超过 50 MB/);
  });

  test('a malformed multipart body is a bad request (400) with a Chinese message', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/report-check' });
    for (const contentType of ['multipart/form-data', 'multipart/form-data; boundary=xyz']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/report-check',
        headers: { cookie: cookieHeader(cookiesOf(page)), 'content-type': contentType },
        payload: `--xyz\r\nContent-Disposition: form-data; name="report"; filename="a.txt"\r\n\r\n半截`,
      });
      assert.equal(res.statusCode, 400, contentType);
      assert.match(res.body, /上传的内容不完整或格式不正确/);
    }
  });

  test('the multipart parser exists only on the upload routes', async () => {
    const body = await multipart([{ field: 'username', value: 'x' }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': body.contentType },
      payload: body.payload,
    });
    assert.equal(res.statusCode, 415);
  });

  test('the batch needs a login; a supervisor checks a batch and downloads the XLSX', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/admin/report-check' });
    assert.equal(anon.statusCode, 303);
    const c = await login(t, 'checker');
    const page = await c.get('/admin/report-check');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /multiple/);
    const files: Part[] = [
      { field: 'reports', value: { name: '2020_pingtan.txt', bytes: example('2020_pingtan.txt') } },
      { field: 'reports', value: { name: '2021_pingtan.txt', bytes: example('2021_pingtan.txt') } },
      {
        field: 'reports',
        value: { name: 'notes.txt', bytes: new TextEncoder().encode('会议纪要') },
      },
      // the formats agencies attach besides pages and PDFs: Word 97–2003, RTF (named .doc), OFD
      {
        field: 'reports',
        value: { name: 'junshan.doc', bytes: readFileSync(`${REAL}/2024_junshan-area-doc.doc`) },
      },
      {
        field: 'reports',
        value: {
          name: 'junshan-rtf.doc',
          bytes: readFileSync(`${REAL}/2024_junshan-area-rtf.rtf`),
        },
      },
      {
        field: 'reports',
        value: {
          name: 'junshan.ofd',
          bytes: await pdfToOfd(new Uint8Array(readFileSync(`${REAL}/2024_junshan-area-pdf.pdf`))),
        },
      },
    ];
    const send = async (output: string) => {
      const body = await multipart([
        { field: '_csrf', value: c.csrf },
        { field: 'output', value: output },
        ...files,
      ]);
      return t.app.inject({
        method: 'POST',
        url: '/admin/report-check',
        headers: { cookie: cookieHeader(c.jar), 'content-type': body.contentType },
        payload: body.payload,
      });
    };
    const res = await send('page');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /检查汇总（6 个文件）/);
    for (const n of [1, 2, 3, 4, 5, 6]) assert.match(res.body, new RegExp(`id="file-${n}"`));
    // anchors of different files do not collide
    assert.match(res.body, /id="r1-f-1"/);
    assert.match(res.body, /id="r2-f-1"/);

    // the same agency's next year, with a carry-over that is not last year's 结转下年度
    const altered = example('2021_pingtan.txt')
      .toString('utf8')
      .replace(
        '二、上年结转政府信息公开申请数量0000000',
        '二、上年结转政府信息公开申请数量1000001',
      );
    files[1] = {
      field: 'reports',
      value: { name: '2021_altered.txt', bytes: new TextEncoder().encode(altered) },
    };
    const carried = await send('page');
    assert.match(carried.body, /<code>X-YEAR-CARRY<\/code>/);
    assert.match(carried.body, /对照文件：2020_pingtan\.txt/);

    const xlsx = await send('xlsx');
    assert.equal(xlsx.statusCode, 200);
    assert.match(
      String(xlsx.headers['content-disposition']),
      /attachment; filename="report-check-\d{8}\.xlsx"/,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const summary = book.getWorksheet('汇总')!;
    assert.equal(summary.rowCount, 7);
    assert.equal(summary.getRow(2).getCell(1).value, '2020_pingtan.txt');
    assert.equal(summary.getRow(2).getCell(3).value, 2020);
    assert.equal(summary.getRow(2).getCell(6).value, 2);
    assert.match(String(summary.getRow(4).getCell(8).value), /^无法读取|未发现错误|有错误/);
    // the file kinds, told from the bytes: the RTF named .doc is RTF
    assert.deepEqual(
      [2, 5, 6, 7].map((n) => summary.getRow(n).getCell(5).value),
      ['文本', 'DOC', 'RTF', 'OFD'],
    );
    for (const n of [5, 6, 7])
      assert.equal(summary.getRow(n).getCell(2).value, '平潭综合实验区君山片区管理局');
    const list = book.getWorksheet('问题清单')!;
    const sum7: string[] = [];
    list.eachRow((row, n) => {
      if (
        n > 1 &&
        row.getCell(1).value === '2020_pingtan.txt' &&
        row.getCell(2).value === 'T3-SUM7'
      )
        sum7.push(`${String(row.getCell(6).value)}→${String(row.getCell(7).value)}`);
    });
    assert.deepEqual(sum7, ['20→26', '21→27']);
  });
});

describe('年报检查: what one client and everyone together may use', () => {
  let db: TestDb;
  let t: TestApp;
  before(async () => {
    db = await engine.create();
    t = await startApp(db, undefined, {
      reportCheck: { perClient: 3, windowMinutes: 10, inFlight: 2 },
    });
  });
  after(async () => {
    await t.close();
    await db.drop();
  });

  /** A check of the Pingtan 2020 example from `ip` (a GET of the form for its token first). */
  async function check(ip: string, payload?: PassThrough) {
    const page = await t.app.inject({ method: 'GET', url: '/report-check', remoteAddress: ip });
    assert.equal(page.statusCode, 200, 'the form itself is never limited');
    const body = await multipart([
      { field: '_csrf', value: hiddenCsrf(page.body) },
      { field: 'report', value: { name: '2020_pingtan.txt', bytes: example('2020_pingtan.txt') } },
    ]);
    const res = t.app.inject({
      method: 'POST',
      url: '/report-check',
      remoteAddress: ip,
      headers: { cookie: cookieHeader(cookiesOf(page)), 'content-type': body.contentType },
      payload: payload ?? body.payload,
    });
    if (payload) payload.write(body.payload.subarray(0, 200)); // the upload has begun
    return { res, rest: body.payload.subarray(200) };
  }

  test('a client past its checks per window is told when to come back (429); others are not', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await (await check('10.0.0.1')).res).statusCode, 200);
    const refused = await (await check('10.0.0.1')).res;
    assert.equal(refused.statusCode, 429);
    assert.match(
      refused.body,
      /同一网络地址每 10 分钟最多检查 3 份报告，本时段已达上限，请 10 分钟后再试。需要成批检查的，请工作人员登录后在“年报检查”中批量上传。/,
    );
    assert.ok(Number(refused.headers['retry-after']) > 500);
    assert.equal((await (await check('10.0.0.2')).res).statusCode, 200);
  });

  test('past the checks in flight for everyone, one more is told to try again shortly (503)', async () => {
    const slow = [new PassThrough(), new PassThrough()];
    const pending = await Promise.all(slow.map((s, i) => check(`10.0.1.${i}`, s)));
    const busy = await (await check('10.0.1.9')).res;
    assert.equal(busy.statusCode, 503);
    assert.match(busy.body, /正在检查的报告较多，系统暂时无法接收新的文件，请半分钟后再试。/);
    assert.equal(busy.headers['retry-after'], '30');
    // the slow uploads finish and are read; their places are free again
    pending.forEach((p, i) => slow[i]?.end(p.rest));
    for (const p of pending) {
      const res = await p.res;
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /检查结果/);
    }
    assert.equal((await (await check('10.0.1.9')).res).statusCode, 200);
  });
});
