import { z } from 'zod';
import { ROLES } from '../domain/roles.ts';
import { checkbox, choice, optionalId, text } from './input.ts';

export const USER_LABELS: Record<string, string> = {
  username: '用户名',
  displayName: '姓名',
  agencyId: '所属机关',
  role: '角色',
  disabled: '停用',
  currentPassword: '当前密码',
  newPassword: '新密码',
  confirmPassword: '确认新密码',
};

const username = text({
  max: 32,
  required: true,
  pattern: [
    /^[a-z][a-z0-9_.-]{2,31}$/,
    '只能用小写字母开头，由 3–32 位小写字母、数字、点、下划线或连字符组成。',
  ],
});

export const userCreateSchema = z.object({
  username,
  displayName: text({ max: 50, required: true }),
  agencyId: optionalId(),
  role: choice(ROLES, '请选择角色。'),
});
export type UserCreateInput = z.output<typeof userCreateSchema>;

export const userUpdateSchema = z.object({
  displayName: text({ max: 50, required: true }),
  role: choice(ROLES, '请选择角色。'),
  disabled: checkbox(),
});
export type UserUpdateInput = z.output<typeof userUpdateSchema>;

const password = z
  .string({ error: '不能为空。' })
  .optional()
  .transform((v) => v ?? '')
  .refine((v) => v !== '', '不能为空。')
  .refine((v) => v.length <= 128, '不能超过 128 位。');

export const passwordChangeSchema = z
  .object({ currentPassword: password, newPassword: password, confirmPassword: password })
  .superRefine((v, ctx) => {
    if (v.newPassword !== v.confirmPassword)
      ctx.addIssue({
        code: 'custom',
        path: ['confirmPassword'],
        message: '两次输入的新密码不一致。',
      });
  });
export type PasswordChangeInput = z.output<typeof passwordChangeSchema>;
