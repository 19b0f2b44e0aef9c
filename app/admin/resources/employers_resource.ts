import verification from '#core/employer/machines/verification'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { defineResource } from '#core/admin/resource'
import Employer from '#core/accounts/models/employer'
import messages from '#core/messages/services/message_service'

const STATUS: Record<string, [string, 'orange' | 'green' | 'red']> = {
  pending: ['待审核', 'orange'],
  verified: ['已认证', 'green'],
  rejected: ['已驳回', 'red'],
}

/** The login accounts of one employer. */
function accountsOf(trx: TransactionClientContract, employerId: number) {
  return trx.from('users').where('employer_id', employerId).where('kind', 'employer')
}

/** 停用 / 恢复单位账号: every login account of the employer at once; the change for the audit log. */
async function setAccountsActive(
  trx: TransactionClientContract,
  employerId: number,
  active: boolean
) {
  await accountsOf(trx, employerId).update({ is_active: active })
  return { before: { accountsActive: !active }, after: { accountsActive: active } }
}

/** 单位认证: employer accounts and their verification (pending → verified / rejected with a reason). */
export default defineResource({
  area: 'province',
  id: 'employers',
  label: '用人单位',
  singular: '单位',
  subject: 'employer',
  group: '用人单位',
  order: 20,
  model: Employer,
  scope: 'none',
  query: (q) => q.preload('users'),
  columns: [
    { key: 'name', label: '单位名称', sortable: true, link: true },
    { key: 'uscc', label: '统一社会信用代码' },
    {
      key: 'contact',
      label: '联系人',
      value: (e) => [e.contactName, e.contactPhone].filter(Boolean).join(' '),
    },
    { key: 'city', label: '所在城市' },
    { key: 'status', label: '认证状态', tag: STATUS },
    { key: 'createdAt', label: '注册时间', format: 'datetime', sortable: 'employers.created_at' },
  ],
  search: ['name', 'uscc', 'contact_name'],
  searchPlaceholder: '单位名称 / 信用代码 / 联系人',
  filters: [
    {
      key: 'status',
      label: '认证状态',
      options: Object.entries(STATUS).map(([value, [label]]) => ({ value, label })),
    },
  ],
  defaultSort: { column: 'employers.created_at', direction: 'desc' },
  detail: [
    { key: 'name', label: '单位名称' },
    { key: 'uscc', label: '统一社会信用代码' },
    { key: 'status', label: '认证状态', value: (e) => STATUS[e.status]?.[0] ?? e.status },
    { key: 'rejectReason', label: '驳回原因' },
    { key: 'verifiedAt', label: '认证时间', format: 'datetime' },
    { key: 'industry', label: '所属行业' },
    { key: 'nature', label: '单位性质' },
    { key: 'scale', label: '单位规模' },
    { key: 'city', label: '所在城市' },
    { key: 'address', label: '地址' },
    { key: 'contactName', label: '联系人' },
    { key: 'contactPhone', label: '联系电话' },
    { key: 'contactEmail', label: '联系邮箱' },
    {
      key: 'licence',
      label: '营业执照',
      value: (e) => (e.licenceFileId ? '查看营业执照' : '未上传'),
      href: (e) => (e.licenceFileId ? `/files/${e.licenceFileId}` : null),
    },
    {
      key: 'accounts',
      label: '单位账号',
      value: (e) => (e.users ?? []).map((u: any) => u.username).join('、'),
    },
    { key: 'intro', label: '单位简介', format: 'multiline' },
  ],
  tabs: [
    { id: 'pending', label: '待审核', states: ['pending'] },
    { id: 'verified', label: '已认证', states: ['verified'] },
    { id: 'rejected', label: '已驳回', states: ['rejected'] },
    { id: 'all', label: '全部', count: false, default: true },
  ],
  review: {
    machine: verification,
    approve: 'verify',
    return: 'reject',
    commentKey: 'rejectReason',
    approveLabel: '通过认证',
    returnLabel: '驳回',
    onDecision: async ({ record, decision, comment, trx }) => {
      if (decision === 'approve') {
        record.verifiedAt = DateTime.now()
        await record.save()
      }
      const users = await accountsOf(trx, record.id).select('id')
      await messages.sendMany(
        users.map((u: any) => ({
          userId: u.id,
          category: 'review',
          title: decision === 'approve' ? '单位认证已通过' : '单位认证未通过',
          body:
            decision === 'approve'
              ? `${record.name} 已通过省级就业管理部门认证，现在可以发布职位、参加招聘活动。`
              : `${record.name} 的认证申请被驳回，原因：${comment}。请修改单位信息后重新提交。`,
          link: '/employer',
          dedupeKey: `employer-review-${record.id}-${decision}-${Date.now()}`,
        })),
        trx
      )
    },
  },
  rowActions: [
    {
      id: 'suspend-accounts',
      label: '停用单位账号',
      danger: true,
      detailOnly: true,
      confirm: '停用后该单位的所有账号都不能登录，确定停用？',
      visible: (e) => (e.users ?? []).some((u: any) => u.isActive),
      handle: async ({ record, trx }) => ({
        message: `已停用 ${record.name} 的单位账号`,
        ...(await setAccountsActive(trx, record.id, false)),
      }),
    },
    {
      id: 'restore-accounts',
      label: '恢复单位账号',
      detailOnly: true,
      visible: (e) => (e.users ?? []).length > 0 && !(e.users ?? []).some((u: any) => u.isActive),
      handle: async ({ record, trx }) => ({
        message: `已恢复 ${record.name} 的单位账号`,
        ...(await setAccountsActive(trx, record.id, true)),
      }),
    },
    {
      id: 'reopen',
      label: '重新审核',
      confirm: '将该单位改回“待审核”状态？单位将暂时不能发布职位。',
      visible: (e) => e.status !== 'pending',
      handle: async ({ record, trx }) => {
        const before = { status: record.status }
        await verification.apply(trx, 'reopen', record.id)
        return { message: '已改为待审核', before, after: { status: 'pending' } }
      },
    },
  ],
  exportable: true,
  emptyMessage: '暂无注册的用人单位',
})
