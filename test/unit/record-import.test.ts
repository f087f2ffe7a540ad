/**
 * Reading import files and checking their rows (domain/records, app/read-records-file): every
 * class of bad input gives a row-level message with line and column; GBK CSV is read correctly.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { MAX_IMPORT_BYTES, readRecordsFile } from '../../src/app/read-records-file.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { checkTable, type TableRow } from '../../src/domain/records/import-table.ts';
import { parseDate, parseOutcome } from '../../src/domain/records/values.ts';

const TODAY = '2026-06-30';
const APP_HEAD = ['申请编号', '申请人类型', '收到申请日期', '办理结果', '答复日期'];
const rows = (...r: string[][]): TableRow[] => r.map((cells, i) => ({ line: i + 1, cells }));
const check = (...r: string[][]) => checkTable(rows(...r), { today: TODAY });
const issueAt = (
  issues: { line: number; column: string; message: string }[],
  line: number,
  column: string,
) => issues.find((i) => i.line === line && i.column === column);

describe('dates', () => {
  test('accepted forms, full-width digits, and impossible days', () => {
    assert.deepEqual(parseDate('2021-3-5'), { ok: true, value: '2021-03-05' });
    assert.deepEqual(parseDate('2021/03/05'), { ok: true, value: '2021-03-05' });
    assert.deepEqual(parseDate(' ２０２１年３月５日 '), { ok: true, value: '2021-03-05' });
    assert.deepEqual(parseDate(''), { ok: true, value: null });
    assert.deepEqual(parseDate('2024-02-29'), { ok: true, value: '2024-02-29' });
    for (const bad of ['2021-02-30', '2023-02-29', '2021-13-01', '2021-04-31', '3/5/2021', '昨天'])
      assert.equal(parseDate(bad).ok, false, bad);
  });
});

describe('outcomes by their table-三 names', () => {
  const code = (s: string) => {
    const r = parseOutcome(s);
    return r.ok ? r.value?.code : `error: ${r.message}`;
  };
  test('row labels, sub-row labels, group:item labels, row keys, half-width brackets', () => {
    assert.equal(code('予以公开'), 'disclosed');
    assert.equal(code('（一）予以公开'), 'disclosed');
    assert.equal(code('部分公开'), 'partly_disclosed');
    assert.equal(code('属于国家秘密'), 'withheld.state_secret');
    assert.equal(code('1.属于国家秘密'), 'withheld.state_secret');
    assert.equal(code('不予公开：属于国家秘密'), 'withheld.state_secret');
    assert.equal(code('三(三)1'), 'withheld.state_secret');
    assert.equal(code('三（四）1'), 'unavailable.not_held');
    assert.equal(code('重复申请'), 'not_processed.repeated');
    assert.equal(code('申请人逾期不补正'), 'other.no_clarification');
    assert.equal(code('其他处理'), 'other.other');
  });
  test('a group without its sub-row, and unknown names, say what to write', () => {
    assert.match(code('不予公开') as string, /须写明具体情形.*属于国家秘密/);
    assert.match(code('已答复') as string, /无法识别的办理结果“已答复”/);
  });
});

describe('checking a table of applications', () => {
  test('a good file: header tolerant of spaces, full-width forms and required markers', () => {
    const r = check(
      [' 申请编号* ', '申请人类型', '收到申请日期（必填）', '办理结果', '答复日期　'],
      ['A-1', '自然人', '2021/3/5', '予以公开', '2021年3月20日'],
      ['A-2', '商业企业', '2021-12-20', '', ''],
      ['', '', '', '', ''],
    );
    assert.deepEqual(r.issues, []);
    assert.equal(r.kind, 'applications');
    assert.equal(r.records.length, 2);
    assert.deepEqual(r.records[0], {
      line: 2,
      record: {
        caseNumber: 'A-1',
        applicantType: 'natural_person',
        receivedOn: '2021-03-05',
        outcome: 'disclosed',
        decidedOn: '2021-03-20',
      },
    });
  });

  test('wrong headers: a file-level error listing the expected columns', () => {
    const unknown = check(
      ['申请编号', '申请人类型', '收到申请日期', '备注'],
      ['A', '自然人', '2021-01-01', 'x'],
    );
    assert.equal(unknown.issues.length, 1);
    assert.equal(unknown.issues[0]!.line, 1);
    assert.equal(unknown.issues[0]!.column, '备注');
    assert.match(
      unknown.issues[0]!.message,
      /无法识别的列名“备注”.*申请编号（必填）、申请人类型（必填）、收到申请日期（必填）、办理结果、答复日期/,
    );
    const missing = check(['申请编号', '申请人类型', '办理结果'], ['A', '自然人', '予以公开']);
    assert.match(missing.issues[0]!.message, /缺少必填列“收到申请日期”/);
    const none = check(['姓名', '地址'], ['张三', '潮州']);
    assert.equal(none.kind, undefined);
    assert.match(none.issues[0]!.message, /无法从第1行的列名判断记录类型/);
    assert.equal(check().issues[0]!.line, 1);
  });

  test('every bad row and column is reported, not just the first', () => {
    const r = check(
      APP_HEAD,
      ['A-1', '自然人', '2021-02-30', '予以公开', '2021-03-01'], // impossible date
      ['A-2', '法人', '2021-01-05', '已公开', '2021-01-20'], // unknown applicant type and outcome
      ['A-3', '自然人', '2026-07-01', '', ''], // in the future
      ['A-4', '自然人', '2021-05-01', '予以公开', '2021-04-01'], // decided before received
      ['A-5', '自然人', '2021-05-01', '予以公开', ''], // outcome without date
      ['A-6', '自然人', '2021-05-01', '', '2021-05-20'], // date without outcome
      ['A-1', '自然人', '2021-06-01', '', ''], // duplicate of line 2
      ['A-8', '自然人', '2020-05-01', '申请人逾期不补正', '2020-06-01'], // 2021 sub-row in 2020
      ['A-9', '自然人', '2021-05-01', '其他处理', '2021-06-01'], // 2019 row in 2021
      ['A-10', '自然人', '2020-05-01', '其他处理', '2020-06-01'], // fine: 2019 format
      ['', '自然人', '2021-05-01', '', ''], // no number
    );
    const at = (line: number, column: string) => issueAt(r.issues, line, column)?.message ?? '';
    assert.match(at(2, '收到申请日期'), /“2021-02-30”不是日历上存在的日期/);
    assert.match(at(3, '申请人类型'), /无法识别的申请人类型“法人”/);
    assert.match(at(3, '办理结果'), /无法识别的办理结果“已公开”/);
    assert.match(at(4, '收到申请日期'), /晚于今天（2026-06-30）/);
    assert.match(at(5, '答复日期'), /早于收到申请日期/);
    assert.match(at(6, '答复日期'), /请填写答复日期/);
    assert.match(at(7, '办理结果'), /请填写办理结果/);
    assert.match(at(8, '申请编号'), /“A-1”与第2行重复/);
    assert.match(at(9, '办理结果'), /2021年版报告格式起才有.*请填写“其他处理”/);
    assert.match(at(10, '办理结果'), /分为三项/);
    assert.equal(r.issues.filter((i) => i.line === 11).length, 0);
    assert.match(at(12, '申请编号'), /不能为空/);
    assert.deepEqual(
      r.issues.map((i) => i.line),
      [...r.issues.map((i) => i.line)].sort((a, b) => a - b),
      'issues in line order',
    );
  });
});

describe('review cases and documents', () => {
  test('kind detected from the header; results need a conclusion date and vice versa', () => {
    const r = check(
      ['案号', '类型', '收到日期', '结果', '审结日期'],
      ['F-1', '行政复议', '2022-01-05', '维持', '2022-03-01'],
      ['F-2', '直接起诉', '2022-01-05', '', ''],
      ['F-3', '复议后起诉', '2022-01-05', '结果纠正', ''],
      ['F-4', '行政复议', '2022-01-05', '尚未审结', '2022-02-01'],
      ['F-5', '仲裁', '2022-01-05', '', ''],
    );
    assert.equal(r.kind, 'reviews');
    assert.equal(r.records.length, 2);
    assert.match(issueAt(r.issues, 4, '审结日期')!.message, /请填写审结日期/);
    assert.match(issueAt(r.issues, 5, '结果')!.message, /请填写结果/);
    assert.match(issueAt(r.issues, 6, '类型')!.message, /无法识别的案件类型“仲裁”/);
  });

  test('documents: repeal needs publication, dates in order', () => {
    const r = check(
      ['文号', '标题', '类别', '成文日期', '发布日期', '废止日期'],
      ['意府〔2021〕1号', '关于…的通知', '行政规范性文件', '2021-01-05', '2021-01-10', ''],
      ['意府〔2021〕2号', '关于…的办法', '规章', '2021-01-05', '', '2021-06-01'],
      ['意府〔2021〕3号', '关于…的规定', '规范性文件', '2021-01-05', '2021-01-01', ''],
      ['意府〔2021〕4号', '', '通知', '2021-01-05', '', ''],
    );
    assert.equal(r.kind, 'documents');
    assert.equal(r.records.length, 1);
    assert.match(issueAt(r.issues, 3, '发布日期')!.message, /已填废止日期/);
    assert.match(issueAt(r.issues, 4, '发布日期')!.message, /早于成文日期/);
    assert.match(issueAt(r.issues, 5, '标题')!.message, /不能为空/);
    assert.match(issueAt(r.issues, 5, '类别')!.message, /无法识别的文件类别“通知”/);
  });

  test('--kind forces the kind: a review file read as applications names the wrong headers', () => {
    const r = checkTable(rows(['案号', '类型', '收到日期']), { kind: 'documents', today: TODAY });
    assert.ok(r.issues.some((i) => /无法识别的列名“案号”.*文号（必填）/.test(i.message)));
  });
});

describe('reading files', () => {
  const expected = [
    ['申请编号', '申请人类型', '收到申请日期', '办理结果', '答复日期'],
    ['意府申〔2021〕1号', '自然人', '2021/3/5', '予以公开', '2021年3月20日'],
  ];

  test('a GBK CSV (as Excel saves “CSV” on Chinese Windows) is read correctly', async () => {
    const bytes = readFileSync('test/fixtures/import/applications-gbk.csv');
    assert.throws(
      () => new TextDecoder('utf-8', { fatal: true }).decode(bytes),
      'fixture is not UTF-8',
    );
    const t = await readRecordsFile({ name: 'applications-gbk.csv', bytes });
    assert.equal(t.encoding, 'gb18030');
    assert.deepEqual(
      t.rows.slice(0, 2).map((r) => r.cells),
      expected,
    );
    assert.deepEqual(t.rows[2]!.cells[3], '不予公开：属于国家秘密');
    assert.deepEqual(checkTable(t.rows, { today: TODAY }).issues, []);
  });

  test('UTF-8 with BOM, UTF-16, quoted fields with commas, quotes and newlines, CRLF', async () => {
    const text =
      '\uFEFF申请编号,申请人类型,收到申请日期,办理结果,答复日期\r\n"A,1","自然人",2021-01-05,"不予公开：危及“三安全一稳定”",2021-01-20\r\n"B ""2""\n续",其他,2021-01-06,,\r\n';
    const utf8 = await readRecordsFile({ name: 'a.csv', bytes: new TextEncoder().encode(text) });
    assert.equal(utf8.encoding, 'utf-8');
    assert.deepEqual(utf8.rows[1]!.cells, [
      'A,1',
      '自然人',
      '2021-01-05',
      '不予公开：危及“三安全一稳定”',
      '2021-01-20',
    ]);
    assert.equal(utf8.rows[2]!.cells[0], 'B "2"\n续');
    assert.equal(utf8.rows[2]!.line, 3);
    const le = Buffer.from(text, 'utf16le');
    const utf16 = await readRecordsFile({
      name: 'a.csv',
      bytes: new Uint8Array([0xff, 0xfe, ...le.subarray(2)]),
    });
    assert.equal(utf16.encoding, 'utf-16le');
    assert.deepEqual(utf16.rows[1]!.cells, utf8.rows[1]!.cells);
    // a newline inside a case number is refused at the row
    const r = checkTable(utf8.rows, { today: TODAY });
    assert.match(issueAt(r.issues, 3, '申请编号')!.message, /换行/);
  });

  test('XLSX: first worksheet, real Excel dates, formulas by their result, numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('申请');
    wb.addWorksheet('其他').addRow(['不读这张表']);
    ws.addRow(APP_HEAD);
    ws.addRow([
      2021001,
      '自然人',
      new Date(Date.UTC(2021, 2, 5)),
      '予以公开',
      new Date(Date.UTC(2021, 2, 20)),
    ]);
    ws.addRow([
      { formula: '"A-"&"2"', result: 'A-2' },
      '商业企业',
      '2021/4/1',
      { richText: [{ text: '属于' }, { text: '国家秘密' }] },
      '2021-04-15',
    ]);
    ws.getCell('C2').numFmt = 'yyyy-mm-dd';
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const t = await readRecordsFile({ name: '申请.xlsx', bytes });
    assert.equal(t.format, 'xlsx');
    assert.deepEqual(t.rows[1]!.cells, [
      '2021001',
      '自然人',
      '2021-03-05',
      '予以公开',
      '2021-03-20',
    ]);
    assert.deepEqual(t.rows[2]!.cells, [
      'A-2',
      '商业企业',
      '2021/4/1',
      '属于国家秘密',
      '2021-04-15',
    ]);
    const r = checkTable(t.rows, { today: TODAY });
    assert.deepEqual(r.issues, []);
    assert.equal(r.records.length, 2);
  });

  test('refused: unknown type, .xls, too large, not a workbook, not decodable', async () => {
    const refuse = async (name: string, bytes: Uint8Array, re: RegExp) =>
      assert.rejects(
        readRecordsFile({ name, bytes }),
        (e: unknown) => e instanceof DomainError && re.test(e.message),
      );
    await refuse('a.pdf', new Uint8Array([0x25, 0x50, 0x44, 0x46]), /只能导入 \.csv 或 \.xlsx/);
    await refuse('a.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), /不支持 Excel 97-2003/);
    await refuse('a.csv', new Uint8Array(MAX_IMPORT_BYTES + 1), /文件过大/);
    await refuse('a.xlsx', new TextEncoder().encode('not a zip'), /无法读取该 XLSX 文件/);
    await refuse('a.csv', new Uint8Array([0x41, 0xff, 0xff, 0x2c]), /无法识别文件的文字编码/);
    await refuse(
      'a.csv',
      new TextEncoder().encode('申请编号,申请人类型\n"A,自然人\n'),
      /引号不成对/,
    );
  });
});
