/** Every kind of audit entry, with the Chinese label the trail shows. */
export const AUDIT_ACTIONS = {
  'agency.create': '新增机关',
  'agency.update': '修改机关信息',
  'user.create': '新增用户',
  'user.update': '修改用户',
  'user.role_change': '变更用户角色（权限变更）',
  'user.disable': '停用用户（权限变更）',
  'user.enable': '启用用户（权限变更）',
  'user.password_reset': '重置密码',
  'user.password_change': '修改本人密码',
  'user.password_change_failure': '修改密码时当前密码错误',
  'login.success': '登录成功',
  'login.failure': '登录失败',
  'login.throttled': '登录被限制（失败次数过多）',
  logout: '退出登录',
  'platform.bootstrap': '初始化平台管理员',
  'data.restore': '恢复数据备份',
  'report.narrative_update': '修改年度报告文字部分',
  'report.figures_update': '录入年度统计数据',
  'records.import': '导入申请、复议诉讼或规范性文件记录',
  'application.create': '登记政府信息公开申请',
  'application.decide': '登记申请办理结果',
  'review_case.create': '登记行政复议、行政诉讼案件',
  'review_case.conclude': '登记行政复议、行政诉讼结果',
  'document.create': '登记规章、规范性文件',
  'document.repeal': '登记文件废止',
  'report.submit': '报送年度报告',
  'report.return': '退回年度报告',
  'report.accept': '审核通过年度报告',
  'report.publish': '发布年度报告',
  'report.correct': '发起年度报告更正',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTIONS as Record<string, string>)[action] ?? action;
}
