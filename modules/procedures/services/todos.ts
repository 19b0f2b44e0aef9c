import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import type { TodoItem } from '#core/modules/manifest'
import { AWAITING, QUEUES, awaitingCounts } from '#modules/procedures/services/review_queues'
import signingService from '#modules/procedures/services/signing_service'

const LABELS: Record<string, string> = {
  source: '待审核的生源信息',
  changes: '待审核的生源变更申请',
  recommendations: '待审核的就业推荐表',
  reports: '待审核的就业信息上报',
  terminations: '待处理的解约申请（待学校审核、待单位应答可强制解约）',
}

async function count(query: any) {
  const row = await query.count('* as total').first()
  return Number(row?.total ?? 0)
}

/**
 * To-dos of 就业手续 on the actors' homes. The counts are the review queues' own badge counts
 * (one definition, `awaitingCounts`) and the links open the queue on the same `awaiting` filter.
 */
export async function schoolTodos(ctx: HttpContext): Promise<TodoItem[]> {
  const counts = await awaitingCounts(ctx.auth.use('web').user!)
  return QUEUES.map((q) => ({
    label: LABELS[q.type] ?? q.label,
    count: counts[q.type] ?? 0,
    href: router.makeUrl(
      'procedures.school.reviews',
      {},
      { qs: { type: q.type, status: AWAITING } }
    ),
  }))
}

/** 单位中心: signing invitations the students have not answered, terminations awaiting the employer. */
export async function employerTodos(ctx: HttpContext): Promise<TodoItem[]> {
  const employerId = ctx.auth.use('web').user!.employerId!
  // Lapsed invitations are no longer awaiting an answer: expire them as the list page does.
  await signingService.expireDue({ employerId })
  const invitations = await count(
    db.from('signing_invitations').where('employer_id', employerId).where('status', 'pending')
  )
  const terminations = await count(
    db.from('terminations').where('employer_id', employerId).where('status', 'pending_employer')
  )
  return [
    {
      label: '等待学生应答的签约邀请',
      count: invitations,
      href: router.makeUrl('procedures.employer.signing', {}, { qs: { status: 'pending' } }),
    },
    {
      label: '等待本单位应答的解约申请',
      count: terminations,
      href: router.makeUrl(
        'procedures.employer.terminations',
        {},
        { qs: { status: 'pending_employer' } }
      ),
    },
  ]
}
