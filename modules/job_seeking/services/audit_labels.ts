import type { AuditLabelSet } from '#core/audit/labels'
import type { Machine } from '#core/state/machine'
import jobMachine from '#modules/job_seeking/machines/job_posting'
import applicationMachine from '#modules/job_seeking/machines/job_application'

function labelsOf(machine: Machine<any, any>) {
  return Object.fromEntries(machine.options().map((o) => [o.value, o.label]))
}

/**
 * What 求职招聘 writes to the audit log, in Chinese, beyond what its admin resources declare
 * (actions 停止招聘 / 重新开放 / 标记为…, subjects, fields): the states of 职位 and 应聘 as the
 * machines label them.
 */
export default {
  values: {
    job: { status: labelsOf(jobMachine) },
    job_application: { status: labelsOf(applicationMachine) },
  },
} satisfies AuditLabelSet
