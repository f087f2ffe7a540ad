/** `gongkai report build|check`: an agency's annual report, computed from its records. */
import { writeFileSync } from 'node:fs';
import { buildAnnualReport } from '../app/build-annual-report.ts';
import { SYSTEM_CTX } from '../app/deps.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { openRuntime } from '../main.ts';
import { renderHtml } from '../reports/html.ts';
import { toJson } from '../reports/json.ts';
import { renderText } from '../reports/txt.ts';
import { parse } from './args.ts';
import { UsageError } from './io.ts';
import { resolveAgency } from './resolve-agency.ts';

const USAGE =
  '用法：gongkai report build --agency <统一社会信用代码或全称> --year <年度> --format txt|html|json [-o 文件]';

const RENDERERS: Record<string, (r: AnnualReport) => string> = {
  txt: renderText,
  html: (r) => renderHtml(r).value,
  json: (r) => `${JSON.stringify(toJson(r), null, 2)}\n`,
};

function yearArg(raw: string | undefined): number {
  if (!raw || !/^20[0-9]{2}$/.test(raw))
    throw new UsageError(`--year 应为四位年份，如 2020。\n${USAGE}`);
  return Number(raw);
}

export async function reportCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'build') throw new UsageError(USAGE);
  const { values } = parse(rest, {
    agency: { type: 'string' },
    year: { type: 'string' },
    format: { type: 'string' },
    o: { type: 'string', short: 'o' },
  });
  const render = RENDERERS[values.format ?? 'txt'];
  if (!render) throw new UsageError(`--format 只能是 txt、html 或 json。\n${USAGE}`);
  if (!values.agency) throw new UsageError(`请用 --agency 指明机关。\n${USAGE}`);
  const year = yearArg(values.year);
  const rt = await openRuntime(undefined, { mustExist: true });
  try {
    const agency = await resolveAgency(rt.deps.store.db, values.agency);
    const report = await buildAnnualReport(rt.deps, SYSTEM_CTX, agency.id, year);
    const out = render(report);
    if (values.o) {
      writeFileSync(values.o, out);
      console.error(`已生成 ${values.o}`);
    } else {
      process.stdout.write(out);
    }
    return 0;
  } finally {
    await rt.close();
  }
}
