import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { text } from '#core/i18n/text'
import type { TodoItem } from '#core/modules/manifest'
import {
  AWAITING,
  QUEUES,
  awaitingCounts,
  countOf,
} from '#modules/procedures/services/review_queues'
import signingService from '#modules/procedures/services/signing_service'

/**
 * To-dos of 就业手续 on the actors' homes. The counts are the review queues' own badge counts
 * (one definition, `awaitingCounts`) and the links open the queue on the same `awaiting` filter.
 */
export async function schoolTodos(ctx: HttpContext): Promise<TodoItem[]> {
  const counts = await awaitingCounts(ctx.auth.use('web').user!)
  return QUEUES.map((q) => ({
    label: text(`procedures.todos.school.${q.type}`),
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
  const invitations = await countOf(
    db.from('signing_invitations').where('employer_id', employerId).where('status', 'pending')
  )
  const terminations = await countOf(
    db.from('terminations').where('employer_id', employerId).where('status', 'pending_employer')
  )
  return [
    {
      label: text('procedures.todos.employer.invitations'),
      count: invitations,
      href: router.makeUrl('procedures.employer.signing', {}, { qs: { status: 'pending' } }),
    },
    {
      label: text('procedures.todos.employer.terminations'),
      count: terminations,
      href: router.makeUrl(
        'procedures.employer.terminations',
        {},
        { qs: { status: 'pending_employer' } }
      ),
    },
  ]
}
