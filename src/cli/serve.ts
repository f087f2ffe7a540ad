import { bootstrapPlatformAdmin } from '../app/bootstrap-platform-admin.ts';
import { purgeExpired } from '../app/purge-expired.ts';
import { seedDemo } from '../app/seed-demo.ts';
import { openRuntime } from '../main.ts';
import { buildServer } from '../web/server.ts';
import { parse } from './args.ts';

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parse(args, { demo: { type: 'boolean' } });
  const rt = await openRuntime();
  const { config, deps } = rt;
  if (values.demo) {
    const seeded = await seedDemo(deps);
    if (seeded) console.log(`已写入演示数据：${seeded} 个机关（潮州市 → 湘桥区 → 意溪镇等）。`);
  }
  const admin = await bootstrapPlatformAdmin(deps);
  const app = await buildServer(deps, { config });
  const address = await app.listen({ host: config.host, port: config.port });
  const shown = address.replace('127.0.0.1', 'localhost');
  // one write, so that whoever reads the output sees the address and the password together
  const lines = [
    `\n政府信息公开平台已启动：${shown}  （数据：${deps.store.engine} ${deps.store.location}）`,
  ];
  if (admin) {
    lines.push(
      `\n首次启动，已创建平台管理员。此密码只显示这一次，首次登录后必须修改：`,
      `  用户名：${admin.username}`,
      `  一次性密码：${admin.password}\n`,
    );
  }
  console.log(lines.join('\n'));
  const purge = setInterval(() => {
    purgeExpired(deps).catch((err: unknown) => app.log.error({ err }, 'purge failed'));
  }, 10 * 60_000);
  purge.unref();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(purge);
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    await rt.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return 0;
}
