/** `gongkai import <file>`: an agency's applications, review cases or documents from CSV/XLSX. */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { importRecords } from '../app/import-records.ts';
import { MAX_IMPORT_BYTES } from '../app/read-records-file.ts';
import { KIND_LABELS, type RecordKind } from '../domain/records/records.ts';
import { openRuntime } from '../main.ts';
import { parse } from './args.ts';
import { CLI_CTX_ACTOR, EXIT_REFUSED, UsageError } from './io.ts';
import { resolveAgency } from './resolve-agency.ts';

const USAGE =
  '用法：gongkai import <文件.csv|文件.xlsx> --agency <统一社会信用代码或全称> [--kind applications|reviews|documents] [--dry-run]';

const KINDS: readonly RecordKind[] = ['applications', 'reviews', 'documents'];
const ENCODINGS: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  gb18030: 'GBK/GB18030',
};

function readInput(path: string): Uint8Array {
  try {
    if (statSync(path).size > MAX_IMPORT_BYTES)
      throw new UsageError(`文件过大：每次最多导入 20 MB，请把记录拆成几个文件分别导入。`);
    return readFileSync(path);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`无法读取文件“${path}”：请检查路径和读取权限。`);
  }
}

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    { agency: { type: 'string' }, kind: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    true,
  );
  const [path, ...extra] = positionals;
  if (!path || extra.length) throw new UsageError(`请指定一个要导入的文件。\n${USAGE}`);
  if (!values.agency) throw new UsageError(`请用 --agency 指明机关。\n${USAGE}`);
  const kind = values.kind as RecordKind | undefined;
  if (kind !== undefined && !KINDS.includes(kind))
    throw new UsageError(`--kind 只能是 applications、reviews 或 documents。\n${USAGE}`);
  const bytes = readInput(path);
  const rt = await openRuntime(undefined, { mustExist: true });
  try {
    const agency = await resolveAgency(rt.deps.store.db, values.agency);
    const result = await importRecords(
      rt.deps,
      { actor: CLI_CTX_ACTOR, ip: 'cli' },
      agency.id,
      { name: basename(path), bytes },
      { kind, dryRun: values['dry-run'] ?? false },
    );
    const read = result.encoding
      ? `（按 ${ENCODINGS[result.encoding] ?? result.encoding} 编码读取）`
      : '';
    if (!result.ok) {
      for (const e of result.errors)
        console.error(`第${e.line}行${e.column ? ` “${e.column}”` : ''}：${e.message}`);
      const rows = new Set(result.errors.map((e) => e.line)).size;
      console.error(
        `${basename(path)}${read}：${result.errors.length} 处错误，涉及 ${rows} 行，未导入任何记录。请改正后重新导入。`,
      );
      return EXIT_REFUSED;
    }
    const what = `${result.count} 条${KIND_LABELS[result.kind]}记录`;
    console.log(
      result.dryRun
        ? `${basename(path)}${read}：检查通过，可导入${agency.name}的 ${what}（--dry-run，未写入）。`
        : `${basename(path)}${read}：已为${agency.name}导入 ${what}。`,
    );
    return 0;
  } finally {
    await rt.close();
  }
}
