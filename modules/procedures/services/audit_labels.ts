/** Chinese names of the audit actions of this module (history on detail pages). */
export const ACTION_LABELS: Record<string, string> = {
  'procedures.source.save': '学生修改生源信息',
  'procedures.source.submit': '学生提交生源信息',
  'procedures.source.approve': '生源信息审核通过',
  'procedures.source.return': '生源信息审核退回',
  'procedures.source.change_request': '学生申请修改生源信息',
  'procedures.source.change_apply': '变更申请通过，更新正式生源信息',
  'procedures.change_request.approve': '变更申请审核通过',
  'procedures.change_request.return': '变更申请退回',
  'procedures.recommendation.save': '学生保存推荐表',
  'procedures.recommendation.submit': '学生提交推荐表',
  'procedures.recommendation.approve': '推荐表审核通过',
  'procedures.recommendation.return': '推荐表审核退回',
  'procedures.plan.save': '学生保存就业信息',
  'procedures.plan.submit': '学生提交就业信息',
  'procedures.plan.approve': '就业信息审核通过',
  'procedures.plan.return': '就业信息审核退回',
  'procedures.plan.create_online': '网上签约生成就业方案',
  'procedures.plan.supersede': '网上签约替代原就业方案',
  'procedures.plan.cancel': '解约取消就业方案',
  'procedures.invitation.send': '单位发送签约邀请',
  'procedures.invitation.accept': '学生接受签约邀请',
  'procedures.invitation.reject': '学生拒绝签约邀请',
  'procedures.invitation.withdraw': '单位撤回签约邀请',
  'procedures.invitation.expire': '签约邀请过期',
  'procedures.termination.file': '提交解约申请',
  'procedures.termination.employerAgree': '单位同意解约',
  'procedures.termination.employerDisagree': '单位不同意解约',
  'procedures.termination.studentAgree': '学生同意解约',
  'procedures.termination.studentDisagree': '学生不同意解约',
  'procedures.termination.schoolApprove': '学校审核通过解约',
  'procedures.termination.schoolReturn': '学校退回解约申请',
  'procedures.termination.force': '学校强制解约',
}

export function actionLabel(action: string) {
  return ACTION_LABELS[action] ?? action
}
