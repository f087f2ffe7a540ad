import { createUser } from '../app/create-user.ts';
import { parseInput } from '../app/input.ts';
import { resetPassword } from '../app/reset-password.ts';
import { USER_LABELS, userCreateSchema } from '../app/user-input.ts';
import { openRuntime } from '../main.ts';
import { findUserRowByName } from '../store/users.ts';
import { parse } from './args.ts';
import { CLI_CTX_ACTOR, UsageError } from './io.ts';
import { resolveAgency } from './resolve-agency.ts';

const s = { type: 'string' } as const;
const ctx = { actor: CLI_CTX_ACTOR, ip: 'cli' };

export async function userCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'add') {
    const { values } = parse(rest, { username: s, name: s, role: s, agency: s });
    const rt = await openRuntime(undefined, { mustExist: true });
    try {
      const agencyId = values.agency
        ? (await resolveAgency(rt.deps.store.db, values.agency)).id
        : null;
      const input = parseInput(userCreateSchema, USER_LABELS, {
        username: values.username,
        displayName: values.name,
        role: values.role,
        agencyId: agencyId === null ? '' : String(agencyId),
      });
      const { user, oneTimePassword } = await createUser(rt.deps, ctx, input);
      console.log(
        `已新增用户 ${user.username}。一次性密码（只显示这一次，首次登录须修改）：${oneTimePassword}`,
      );
      return 0;
    } finally {
      await rt.close();
    }
  }
  if (sub === 'reset-password') {
    const { positionals } = parse(rest, {}, true);
    if (positionals.length !== 1)
      throw new UsageError('用法：gongkai user reset-password <用户名>');
    const rt = await openRuntime(undefined, { mustExist: true });
    try {
      const row = await findUserRowByName(rt.deps.store.db, positionals[0] as string);
      if (!row) throw new UsageError(`找不到用户“${positionals[0]}”。`);
      const password = await resetPassword(rt.deps, ctx, row.id);
      console.log(
        `已重置用户 ${row.username} 的密码。一次性密码（只显示这一次，登录后须修改）：${password}`,
      );
      return 0;
    } finally {
      await rt.close();
    }
  }
  throw new UsageError('用法：gongkai user add|reset-password …');
}
