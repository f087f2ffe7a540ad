import { verifyAuditTrail } from '../app/verify-audit-trail.ts';
import { openRuntime } from '../main.ts';
import { parse } from './args.ts';
import { EXIT_REFUSED, UsageError } from './io.ts';
import { REPORT_AUDIT_USAGE, reportAuditCommand } from './report-audit.ts';

const USAGE = `用法：gongkai audit verify [--anchor <序号>:<哈希>]   校验审计日志\n      ${REPORT_AUDIT_USAGE.replace('用法：', '')}   检查已发布的年度报告`;

/**
 * `gongkai audit verify` checks the audit trail; `gongkai audit <files or folders…>` checks
 * published annual reports (a file named “verify” is given as ./verify).
 */
export async function auditCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new UsageError(USAGE);
  if (sub !== 'verify') return reportAuditCommand(args);
  const { values } = parse(rest, { anchor: { type: 'string' } });
  let anchor: { seq: number; hash: string } | undefined;
  if (values.anchor !== undefined) {
    const m = /^([1-9][0-9]{0,11}):([0-9a-f]{64})$/.exec(values.anchor);
    if (!m) throw new UsageError(`--anchor 格式应为 <序号>:<64 位十六进制哈希>。\n${USAGE}`);
    anchor = { seq: Number(m[1]), hash: m[2] as string };
  }
  const rt = await openRuntime(undefined, { mustExist: true });
  try {
    const result = await verifyAuditTrail(rt.deps, anchor);
    if (result.ok) {
      console.log(`审计日志完整：共 ${result.count} 条记录，哈希链校验通过。`);
      if (result.head) {
        console.log(
          `最新记录锚点（请记录在数据库之外，下次用 --anchor 校验以发现删除或整体改写）：${result.head.seq}:${result.head.hash}`,
        );
      }
      return 0;
    }
    console.error(
      `审计日志已被篡改：第 ${result.brokenSeq} 号记录校验失败（${result.reason}）。该记录及其后的记录不可信。`,
    );
    return EXIT_REFUSED;
  } finally {
    await rt.close();
  }
}
