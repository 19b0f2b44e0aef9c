import { defineMachine } from '#core/state/machine'

/**
 * 单位认证 (employers.status): a registration waits for the province (pending); the province
 * verifies or rejects it (with a reason); a pending or rejected employer may correct and resubmit
 * (back to pending); the province may send a decided one back to review (重新审核).
 */
export const verification = defineMachine({
  name: 'employer.verification',
  table: 'employers',
  states: ['pending', 'verified', 'rejected'],
  initial: ['pending'],
  transitions: {
    verify: { from: ['pending'], to: 'verified', refuse: '该记录已审核，不能重复审核' },
    reject: { from: ['pending'], to: 'rejected', refuse: '该记录已审核，不能重复审核' },
    resubmit: {
      from: ['pending', 'rejected'],
      to: 'pending',
      refuse: '单位认证状态已变化，请刷新页面',
    },
    reopen: { from: ['verified', 'rejected'], to: 'pending', refuse: '该单位已是待审核状态' },
  },
  labels: { pending: '待审核', verified: '已认证', rejected: '已驳回' },
})

export default verification
