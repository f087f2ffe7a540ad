/**
 * `gongkai audit <files…>` on published reports: the defects of the examples with the engine's
 * rule ids, the figures read under the sidecars' keys in --format json, CSV for spreadsheets,
 * the checks across the files of a batch, and exit codes 0 / 1 / 2. Bad input (issue 4's
 * acceptance: empty, binary garbage, over 50 MB, zip bombs named .docx, a PDF without text, an
 * unrelated document) gives a Chinese message and exit 2, never a crash, with the peak memory of
 * the whole process (every thread) under 500 MB: the command prints its getrusage maxRSS when
 * GONGKAI_PRINT_MAXRSS=1.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import CFB from 'cfb';
import { Document, Packer, Paragraph } from 'docx';
import { gongkai } from '../support/cli.ts';
import { gbk } from '../support/gbk.ts';
import { pdfToOfd } from '../support/pdf-to-ofd.ts';
import { zip } from '../support/zip.ts';

const FIX = 'test/fixtures/reports';
// the command reads files only; the database is never opened
const NO_DB = join(tmpdir(), 'gongkai-audit-no-db.sqlite');
const audit = (...args: string[]) => gongkai(NO_DB, 'audit', ...args);
const sidecar = (stem: string) =>
  JSON.parse(readFileSync(join(FIX, `${stem}.expected.json`), 'utf8')) as {
    table3: { rows: Record<string, (number | null)[]> };
    table4: { values: (number | null)[] };
  };

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-audit-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('Pingtan 2020: both T3-SUM7 errors with stated and computed values; exit 1', () => {
  const r = audit(join(FIX, '2020_pingtan.txt'));
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /\[错误\] T3-SUM7 表三 列 自然人：.*（填报 20，应为 26）/);
  assert.match(r.out, /\[错误\] T3-SUM7 表三 列 总计：.*（填报 21，应为 27）/);
  assert.match(r.out, /共 1 个文件：1 个有错误/);
});

test('意溪镇 2020: blanks are warnings (unverifiable), not errors; exit 0', () => {
  const r = audit(join(FIX, '2020_yixi-town_chaozhou.txt'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /BLANK-CELL/);
  assert.match(r.out, /T3-COL 表三，全部列/);
});

test('--format json: the figures under the sidecars’ keys, null for blanks, and the findings', () => {
  const r = audit(
    '--format',
    'json',
    join(FIX, '2020_pingtan.txt'),
    join(FIX, '2020_yixi-town_chaozhou.txt'),
  );
  assert.equal(r.code, 1, r.err);
  const [pingtan, yixi] = JSON.parse(r.out) as {
    year: number;
    template: string;
    table3: { rows: Record<string, (number | null)[]> };
    findings: { rule: string; severity: string; stated?: unknown; computed?: unknown }[];
  }[];
  assert.equal(pingtan?.year, 2020);
  assert.equal(pingtan?.template, '2019');
  assert.deepEqual(pingtan?.table3.rows, sidecar('2020_pingtan').table3.rows);
  assert.ok(
    pingtan?.findings.some((f) => f.rule === 'T3-SUM7' && f.stated === 20 && f.computed === 26),
  );
  assert.deepEqual(yixi?.table3.rows, sidecar('2020_yixi-town_chaozhou').table3.rows);
  assert.equal(yixi?.table3.rows['三（一）']?.[0], null, 'a blank cell stays null');
});

test('--format json on a report cut off inside table 三: the rows and table 四 it lacks are null', () => {
  const text = readFileSync(join(FIX, '2021_pingtan.txt'), 'utf8');
  const file = join(dir, 'cut.txt');
  writeFileSync(file, text.slice(0, text.indexOf('（三）不予公开1.属于国家秘密')));
  const r = audit('--format', 'json', file);
  assert.equal(r.code, 1, r.err);
  const [cut] = JSON.parse(r.out) as {
    table3: { rows: Record<string, (number | null)[]> };
    table4: { values: (number | null)[] };
    findings: { rule: string; where: string }[];
  }[];
  assert.deepEqual(cut?.table3.rows['三（七）'], Array(7).fill(null));
  assert.deepEqual(cut?.table3.rows['一'], sidecar('2021_pingtan').table3.rows['一']);
  assert.deepEqual(cut?.table4.values, Array(15).fill(null));
  assert.ok(
    cut?.findings.some((f) => f.rule === 'READ-MISSING-ROW' && f.where === 'table3 三（七）'),
  );
  assert.ok(cut?.findings.some((f) => f.rule === 'TABLE-SHAPE'));
});

test('--format json: a report’s fee table under its columns’ names, as its sidecar has it', () => {
  const stem = 'real/2025_pingtan-market-regulation';
  const r = audit('--format', 'json', join(FIX, `${stem}.txt`), join(FIX, '2020_pingtan.txt'));
  assert.equal(r.code, 1, r.err);
  const [market, pingtan] = JSON.parse(r.out) as { fees?: unknown; findings: { rule: string }[] }[];
  const want = JSON.parse(readFileSync(join(FIX, `${stem}.expected.json`), 'utf8')) as {
    fees: unknown;
  };
  assert.deepEqual(market?.fees, want.fees);
  assert.ok(market?.findings.some((f) => f.rule === 'FEE-UNPAID'));
  assert.equal(pingtan && 'fees' in pingtan, false, 'no fee table, no key');
});

test('a PDF: Huaian 2024 is read from its text layer; table 四 as in the sidecar', () => {
  const r = audit('--format', 'json', join(FIX, '2024_huaian-city.pdf'));
  assert.equal(r.code, 0, r.err);
  const [huaian] = JSON.parse(r.out) as { table4: { values: number[] }; template: string }[];
  assert.equal(huaian?.template, '2021');
  assert.deepEqual(huaian?.table4.values, sidecar('2024_huaian-city').table4.values);
});

test('a folder with an unreadable file: the others are still checked; exit 2; CSV for Excel', async () => {
  const folder = join(dir, 'batch');
  mkdirSync(folder);
  copyFileSync(join(FIX, '2020_pingtan.txt'), join(folder, 'a.txt'));
  writeFileSync(join(folder, 'b.pdf'), Buffer.from('%PDF-1.7 garbage garbage'));
  writeFileSync(join(folder, 'c.txt'), '');
  // Markdown converted from a report (here the Pingtan text as it is) is a text file too
  copyFileSync(join(FIX, '2021_pingtan.txt'), join(folder, 'd.md'));
  // Word 97–2003 files, and WPS 文字's .wps saved alike
  copyFileSync(join(FIX, 'real', '2024_junshan-area-doc.doc'), join(folder, 'e.doc'));
  copyFileSync(join(FIX, 'real', '2024_junshan-area-doc.doc'), join(folder, 'f.wps'));
  copyFileSync(join(FIX, 'real', '2024_junshan-area-rtf.rtf'), join(folder, 'g.rtf'));
  // an OFD (the same report's PDF pages written as OFD)
  const pdf = readFileSync(join(FIX, 'real', '2024_junshan-area-pdf.pdf'));
  writeFileSync(join(folder, 'h.ofd'), await pdfToOfd(new Uint8Array(pdf)));
  writeFileSync(join(folder, 'ignored.exe'), 'MZ');
  const r = audit(folder);
  assert.equal(r.code, 2, r.err);
  assert.match(r.out, /b\.pdf：无法读取。/);
  assert.match(r.out, /c\.txt：无法读取。文件是空的/);
  assert.match(r.out, /d\.md +平潭综合实验区 +2021 +TXT/);
  for (const name of ['e\\.doc', 'f\\.wps'])
    assert.match(r.out, new RegExp(`${name} +平潭综合实验区君山片区管理局 +2024 +DOC`));
  assert.match(r.out, /g\.rtf +平潭综合实验区君山片区管理局 +2024 +RTF/);
  assert.match(r.out, /h\.ofd +平潭综合实验区君山片区管理局 +2024 +OFD/);
  assert.match(r.out, /共 8 个文件：1 个有错误，5 个无错误，2 个无法读取。/);
  const csv = audit('--format', 'csv', folder);
  assert.equal(csv.code, 2);
  assert.ok(csv.out.startsWith('\uFEFF文件,规则,级别,位置,填报值,应为,说明\r\n'));
  assert.match(csv.out, /a\.txt,T3-SUM7,错误,table3 column 自然人,20,26,/);
});

test('usage errors exit 2: no file, a missing path, a bad --format', () => {
  assert.equal(audit('/no/such/file.txt').code, 2);
  assert.equal(audit('--format', 'xml', join(FIX, '2020_pingtan.txt')).code, 2);
  assert.equal(gongkai(NO_DB, 'audit').code, 2);
});

test('a batch: the same agency’s year before is compared (X-YEAR-CARRY against its file); a summary table', () => {
  const folder = join(dir, 'years');
  mkdirSync(folder);
  copyFileSync(join(FIX, '2020_pingtan.txt'), join(folder, '2020.txt'));
  // 2021 as published, with 2 applications carried over where 2020 carried none forward:
  // the flattened row 二 reads “二、上年结转政府信息公开申请数量0000000”, one digit a cell
  const text2021 = readFileSync(join(FIX, '2021_pingtan.txt'), 'utf8');
  const row = '二、上年结转政府信息公开申请数量';
  const carried = text2021.replace(`${row}0000000`, `${row}2000002`);
  assert.notEqual(carried, text2021, 'the 2021 fixture has its flattened row 二');
  writeFileSync(join(folder, '2021.txt'), carried);
  const r = audit(folder);
  assert.equal(r.code, 1, r.err);
  assert.match(
    r.out,
    /\[提示\] X-YEAR-CARRY 表三 行 二 列 自然人：.*（填报 2，应为 0）（对照 .*2020\.txt）/,
  );
  assert.match(r.out, /文件\s+机关\s+年度\s+格式\s+错误\s+提示\n/);
  assert.match(r.out, /2020\.txt\s+平潭综合实验区\s+2020\s+TXT\s+2\s+\d+\n/);
  assert.match(r.out, /2021\.txt\s+平潭综合实验区\s+2021\s+TXT\s+\d+\s+\d+\n/);
  assert.equal(r.err, '', 'no progress bar when stderr is not a terminal');

  copyFileSync(join(FIX, '2021_pingtan.txt'), join(folder, '2021.txt'));
  const published = audit('--format', 'json', folder);
  const [, y2021] = JSON.parse(published.out) as { findings: { rule: string }[] }[];
  assert.ok(
    y2021 && !y2021.findings.some((f) => f.rule.startsWith('X-YEAR')),
    'as published it holds',
  );
});

const SCRIPT = '/usr/bin/script';

test('on a terminal: a progress bar with count and percentage (util-linux script gives a pty)', (t) => {
  if (!existsSync(SCRIPT)) return t.skip(`${SCRIPT} is not installed`);
  const files = ['2020_pingtan.txt', '2021_pingtan.txt'].map((f) => join(FIX, f));
  const r = spawnSync(
    SCRIPT,
    ['-qec', `${process.execPath} bin/gongkai.js audit ${files.join(' ')}`, '/dev/null'],
    {
      env: { ...process.env, DATABASE_URL: NO_DB, CI: '' },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stdout, /\r检查中 \[░{24}\] 0\/2 0% /);
  assert.match(r.stdout, /\r检查中 \[█{12}░{12}\] 1\/2 50% .*pingtan\.txt/);
  assert.match(r.stdout, /\r检查中 \[█{24}\] 2\/2 100% /);
  assert.match(r.stdout, /共 2 个文件/);
});

// ---- bad input ----------------------------------------------------------------------------

const MB = 1024 * 1024;
const docxEntries = (document: { deflated: Buffer; size: number }) => [
  { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
  { name: 'word/document.xml', ...document },
];
const zeros = deflateRawSync(Buffer.alloc(64 * MB)); // about 64 KB

/** A one-page PDF that draws a line and has no text: every offset of its xref computed. */
function pdfWithoutText(): Buffer {
  const content = '0 0 m 400 400 l S\n';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const NOTICE = [
  '关于做好春节期间值班工作的通知',
  '各单位：春节将至，为确保节日期间各项工作正常运转，现就值班工作通知如下。',
  '一、加强组织领导。各单位主要负责人要亲自安排部署，落实领导带班制度。',
  '二、严格值班纪律。值班人员要坚守岗位，保持通讯畅通，遇有突发事件及时报告。',
];

const HEADING = '<h1>2020年政府信息公开工作年度报告</h1>';
/** 54 KB: 1,000 <b> left open, re-opened by the parser in each of 10,000 paragraphs */
const REOPENED = `<html><body>${HEADING}<p>${Array.from({ length: 1000 }, (_, i) => `<b class=c${i}>`).join('')}${'<p>第'.repeat(10_000)}</body></html>`;
/** 330 KB: 10,000 rows, each cell spanning to the table's end (5×10⁷ grid cells) */
const TRIANGLE = `<html><body>${HEADING}<table><tr><td>第二十条</td></tr>${'<tr><td rowspan=99999>1</td></tr>'.repeat(10_000)}</table></body></html>`;
/** 0.3 MB: 5,000 report tables inside 3,000 nested divs (read once in 0.9 GB and 8 s) */
const DEEP_TABLES = `<html><body>${HEADING}${'<div>'.repeat(3000)}${'<table><tr><td>第二十条</td><td>1</td></tr></table>'.repeat(5_000)}${'</div>'.repeat(3000)}</body></html>`;
/** 26,667 paragraphs of three elements */
const CROWDED = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${'<w:p><w:r><w:t>1</w:t></w:r></w:p>'.repeat(26_667)}</w:body></w:document>`;

/** A real page saved as a Word 97–2003 file, with `change` made to its compound file. */
function legacyDoc(change: (c: CFB.CFB$Container) => void): Buffer {
  const c = CFB.read(readFileSync(`${FIX}/real/2024_junshan-area-doc.doc`), { type: 'buffer' });
  change(c);
  return CFB.write(c, { type: 'buffer' }) as Buffer;
}

/** file name → how it is made, and what its message must name */
const BAD_INPUTS: [string, () => Buffer | Promise<Buffer> | 'sparse', RegExp][] = [
  ['empty.txt', () => Buffer.alloc(0), /文件是空的/],
  [
    'garbage.bin',
    () => Buffer.from(Array.from({ length: MB }, (_, i) => (i * 7919 + (i >> 9)) % 256)),
    /无法识别文件的文字编码|不是文字、网页、Word 或 PDF 文件/,
  ],
  ['huge.pdf', () => 'sparse', /文件大于 50 MB（52428801 字节）/],
  [
    'bomb-declared.docx',
    () => zip(docxEntries({ deflated: zeros, size: 0xfffffff0 })),
    /拒绝读取该 Word 文件：解压后共 \d+ MB.*疑似压缩炸弹/,
  ],
  [
    'bomb-ratio.docx',
    () => zip(docxEntries({ deflated: zeros, size: 64 * MB })),
    /拒绝读取该 Word 文件：.*压缩比超过 200 倍.*疑似压缩炸弹/,
  ],
  [
    'bomb-lying.docx',
    () => zip(docxEntries({ deflated: zeros, size: 1000 })),
    /拒绝读取该 Word 文件：.*解压后大于目录所写的大小.*疑似压缩炸弹/,
  ],
  ['scanned.pdf', pdfWithoutText, /PDF 共 1 页，没有文字层/],
  // pages whose DOM or tables outgrow their bytes (see html-text.ts)
  ['reopened.html', () => Buffer.from(REOPENED), /网页的元素过多（超过 3 万个）/],
  ['triangle.html', () => Buffer.from(TRIANGLE), /展开后超过 20 万个单元格/],
  // (its heading names a report: the message says the title was found, but no report after it)
  [
    'deep-tables.html',
    () => Buffer.from(DEEP_TABLES),
    /找到了年度报告的标题“2020年政府信息公开工作年度报告”，但没有报告的章节标题/,
  ],
  [
    'crowded.docx',
    () => zip([{ name: 'word/document.xml', data: Buffer.from(CROWDED) }]),
    /word\/document\.xml 有 80003 个 XML 元素，超过 8 万个的上限/,
  ],
  [
    'padded.doc',
    () => legacyDoc((c) => CFB.utils.cfb_add(c, '/ObjectPool/Pad', Buffer.alloc(45 * MB, 0x5a))),
    /Word 文件过大（45\.\d MB），上限为 40 MB/,
  ],
  [
    'encrypted.doc',
    () =>
      legacyDoc((c) => {
        const entry = CFB.find(c, 'WordDocument')!;
        const b = Buffer.from(entry.content as Uint8Array);
        b.writeUInt16LE(b.readUInt16LE(0x0a) | 0x0100, 0x0a);
        entry.content = b;
      }),
    /Word（\.doc）文件已加密/,
  ],
  [
    // an RTF saved under a .doc name, read as RTF: GBK text of the notice
    'notice-rtf.doc',
    () =>
      Buffer.concat([
        Buffer.from('{\\rtf1\\ansi\\ansicpg936 '),
        ...NOTICE.map((line) => Buffer.concat([gbk(line), Buffer.from('\\par ')])),
        Buffer.from('}'),
      ]),
    /这不是一份年度报告/,
  ],
  ['notice.txt', () => Buffer.from(NOTICE.join('\n')), /这不是一份年度报告/],
  [
    'notice.docx',
    () =>
      Packer.toBuffer(
        new Document({ sections: [{ children: NOTICE.map((t) => new Paragraph(t)) }] }),
      ),
    /这不是一份年度报告/,
  ],
];

const MAX_RSS_KIB = 500 * 1024;

function auditMeasured(...args: string[]) {
  process.env.GONGKAI_PRINT_MAXRSS = '1';
  try {
    const r = audit(...args);
    const rss = /maxRSS (\d+) KiB/.exec(r.err);
    assert.ok(rss, `no maxRSS line: ${r.err}`);
    return { ...r, maxRssKiB: Number(rss[1]) };
  } finally {
    delete process.env.GONGKAI_PRINT_MAXRSS;
  }
}

test('bad input: each one alone gives its Chinese message and exit 2, under 500 MB', async (t) => {
  const folder = join(dir, 'bad');
  mkdirSync(folder);
  for (const [name, make] of BAD_INPUTS) {
    const bytes = await make();
    if (bytes === 'sparse') {
      const fd = openSync(join(folder, name), 'w');
      ftruncateSync(fd, 50 * MB + 1);
      closeSync(fd);
    } else writeFileSync(join(folder, name), bytes);
  }
  for (const [name, , message] of BAD_INPUTS) {
    const r = auditMeasured(join(folder, name));
    assert.equal(r.code, 2, `${name}: ${r.out}${r.err}`);
    assert.match(r.out, new RegExp(`${name.replace('.', '\\.')}：无法读取。`), name);
    assert.match(r.out, message, name);
    assert.doesNotMatch(r.err, /Error|at /, `${name}: no stack trace`);
    t.diagnostic(`${name}: peak ${Math.round(r.maxRssKiB / 1024)} MB`);
    assert.ok(r.maxRssKiB < MAX_RSS_KIB, `${name}: peak ${Math.round(r.maxRssKiB / 1024)} MB`);
  }
});

test('bad input: all together in one batch (worker threads) beside a good report', (t) => {
  const folder = join(dir, 'bad');
  copyFileSync(join(FIX, '2020_pingtan.txt'), join(folder, 'pingtan.txt'));
  const files = [...BAD_INPUTS.map(([name]) => join(folder, name)), join(folder, 'pingtan.txt')];
  const r = auditMeasured('--format', 'json', ...files);
  assert.equal(r.code, 2, r.err);
  const results = JSON.parse(r.out) as {
    file: string;
    unreadable?: string;
    findings?: unknown[];
  }[];
  assert.deepEqual(
    results.map((x) => x.file),
    files,
  );
  for (const [i, [name, , message]] of BAD_INPUTS.entries())
    assert.match(results[i]?.unreadable ?? '', message, name);
  assert.equal(results.at(-1)?.unreadable, undefined, 'the good report is read');
  t.diagnostic(`batch of ${files.length}: peak ${Math.round(r.maxRssKiB / 1024)} MB`);
  assert.ok(r.maxRssKiB < MAX_RSS_KIB, `peak ${Math.round(r.maxRssKiB / 1024)} MB`);
});
