/** `gongkai <command>`: parses arguments, calls app/, maps errors to exit codes. */
import { agencyCommand } from './agency.ts';
import { auditCommand } from './audit.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { importCommand } from './import.ts';
import { exitCodeFor, EXIT_USAGE, UsageError } from './io.ts';
import { migrateCommand } from './migrate.ts';
import { reportCommand } from './report.ts';
import { serveCommand } from './serve.ts';
import { userCommand } from './user.ts';

const USAGE = `用法：gongkai <命令> [参数]

  serve [--demo]                 启动服务（--demo：空库时写入演示机关）
  migrate                        执行数据库迁移
  agency add --name … --short-name … --kind government|department|office
             --credit-code … [--parent <信用代码或全称>] [--level province|city|county|township]
             [--address …] [--office-hours …] [--phone …] [--fax …] [--email …] [--postcode …] [--website …]
             [--report-deadline 月-日]   年度报告发布期限（乡镇按本地规定，如 02-20）
  agency list
  user add --username … --name … --role <角色> [--agency <信用代码或全称>]
  user reset-password <用户名>
  report build --agency <信用代码或全称> --year <年度> --format txt|html|json|docx|xlsx [-o 文件] [--explain]
                                 由记录生成年度报告
  import <文件> --agency <信用代码或全称> [--kind applications|reviews|documents] [--dry-run]
                                 从 CSV/XLSX 导入申请、复议诉讼或规范性文件记录
  audit verify [--anchor 序号:哈希]  校验审计日志哈希链
  audit <文件或文件夹…> [--format text|json|csv]
                                 检查已发布的年度报告（txt、html、docx、pdf）
  backup <文件>                  在线备份 SQLite 数据库
  restore <文件>                 从备份恢复 SQLite 数据库（须先停止服务）

环境变量见 README（DATABASE_URL、HOST、PORT 等）。
退出码：0 成功；1 发现问题或被拒绝；2 用法或输入错误。`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  serve: serveCommand,
  migrate: migrateCommand,
  agency: agencyCommand,
  user: userCommand,
  audit: auditCommand,
  backup: backupCommand,
  restore: restoreCommand,
  report: reportCommand,
  import: importCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name ? 0 : EXIT_USAGE;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`未知命令“${name}”。\n\n${USAGE}`);
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
  },
  (err: unknown) => {
    const { code, message } = exitCodeFor(err);
    console.error(message);
    process.exitCode = code === 0 ? EXIT_USAGE : code;
  },
);
