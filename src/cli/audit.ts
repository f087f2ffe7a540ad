import { verifyAuditTrail } from '../app/verify-audit-trail.ts';
import { openRuntime } from '../main.ts';
import { parse } from './args.ts';
import { EXIT_REFUSED, UsageError } from './io.ts';

export async function auditCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError('用法：gongkai audit verify');
  parse(rest, {});
  const rt = await openRuntime();
  try {
    const result = await verifyAuditTrail(rt.deps);
    if (result.ok) {
      console.log(`审计日志完整：共 ${result.count} 条记录，哈希链校验通过。`);
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
