import { openRuntime } from '../main.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { parse } from './args.ts';

export async function migrateCommand(args: string[]): Promise<number> {
  parse(args, {});
  const rt = await openRuntime(undefined, { migrate: false });
  try {
    const applied = await migrateToLatest(rt.deps.store);
    console.log(applied.length ? `已执行迁移：${applied.join('、')}` : '数据库已是最新结构。');
    return 0;
  } finally {
    await rt.close();
  }
}
