/**
 * One status → colour map for every status tag (components/status_tag.edge, admin resource tags).
 * Keyed by the Chinese label users read, so the same word has the same colour in every module:
 * green = done / positive, orange = waiting for someone, blue = in progress, red = refused / failed,
 * gray = ended without result, purple = seen.
 */
export type Tone = 'green' | 'orange' | 'blue' | 'red' | 'gray' | 'purple'

const TONES: Record<string, Tone> = {
  // 求职: applications and interviews
  已投递: 'blue',
  已查看: 'purple',
  邀请面试: 'orange',
  已录用: 'green',
  不合适: 'red',
  待回复: 'orange',
  // reviews (就业手续, 宣讲会/参展申请, 单位认证)
  未提交: 'gray',
  草稿: 'gray',
  待审核: 'orange',
  审核中: 'orange',
  待学校审核: 'orange',
  已通过: 'green',
  已认证: 'green',
  已发布: 'green',
  已退回: 'red',
  审核退回: 'red',
  已驳回: 'red',
  未通过: 'red',
  审核未通过: 'red',
  // 网上签约 and 解约
  待应答: 'orange',
  待单位应答: 'orange',
  待学生确认: 'orange',
  已接受: 'green',
  已签约: 'green',
  已拒绝: 'red',
  已撤回: 'gray',
  已过期: 'gray',
  已解约: 'gray',
  // events registrations
  已报名: 'green',
  待参加: 'blue',
  待签到: 'blue',
  已签到: 'green',
  已结束: 'gray',
  已举办: 'gray',
  // generic
  已取消: 'gray',
  已停止: 'gray',
  已停用: 'red',
  招聘中: 'green',
  正常: 'green',
}

/** The tone of a status label; `fallback` (a module's own choice) only for labels not in the map. */
export function statusTone(label: string | null | undefined, fallback: Tone = 'gray'): Tone {
  if (!label) return fallback
  return TONES[String(label).trim()] ?? fallback
}
