import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { nowDb } from '#core/database/time'
import { text } from '#core/i18n/text'
import { REVIEW_LABELS } from '#modules/procedures/services/state_machines'

/** 学生中心首页: 生源核对, 就业推荐表, 就业信息, 签约中, 解约中 (rule 2). */
export async function renderHomeWidget(ctx: HttpContext) {
  const user = ctx.auth.use('web').user
  if (!user?.graduateId) return ''
  return ctx.view.render('procedures::widgets/home', {
    items: await procedureStatus(user.graduateId),
  })
}

/** The five 就业手续 states of a graduate: the home widget and the open API show the same. */
export async function procedureStatus(g: number) {
  // One round trip: each state is a scalar subquery of the same select (the widget sits on the
  // student home, which every logged-in student opens first).
  const row: any = await db
    .query()
    .select(
      db.from('source_records').where('graduate_id', g).select('status').limit(1).as('source'),
      db.from('recommendation_forms').where('graduate_id', g).select('status').limit(1).as('form'),
      db
        .from('employment_plans')
        .where('graduate_id', g)
        .whereNot('status', 'cancelled')
        .select('status')
        .limit(1)
        .as('plan'),
      db
        .from('signing_invitations')
        .where('graduate_id', g)
        .where('status', 'pending')
        .where('deadline_at', '>', nowDb())
        .count('*')
        .as('signing'),
      db
        .from('terminations')
        .where('graduate_id', g)
        .whereIn('status', ['pending_employer', 'pending_student', 'pending_school'])
        .count('*')
        .as('termination')
    )
    .first()
  return [
    reviewItem('source', row?.source, 'procedures.source', {
      status: 'draft',
      value: REVIEW_LABELS.draft,
    }),
    reviewItem('recommendation', row?.form, 'procedures.recommendation', {
      status: 'none',
      value: text('procedures.widget.not_applied'),
    }),
    reviewItem('report', row?.plan, 'procedures.report', {
      status: 'none',
      value: text('procedures.widget.not_reported'),
    }),
    countItem('signing', row?.signing, 'procedures.signing', 'unit_invitations'),
    countItem('termination', row?.termination, 'procedures.termination', 'unit_items'),
  ]
}

/** A procedure with a review state (`none` shows as `empty` until the record exists). */
function reviewItem(
  id: string,
  status: string | null | undefined,
  route: string,
  empty: { status: string; value: string }
) {
  return {
    id,
    status: status || empty.status,
    label: text(`procedures.widget.${id}`),
    value: status ? REVIEW_LABELS[status] : empty.value,
    href: router.makeUrl(route),
    tone: tone(status || undefined),
  }
}

/** A procedure shown as the number of its open items. */
function countItem(id: string, total: unknown, route: string, unit: string) {
  const count = Number(total ?? 0)
  return {
    id,
    count,
    label: text(`procedures.widget.${id}`),
    value: `${count}`,
    unit: text(`procedures.widget.${unit}`),
    href: router.makeUrl(route),
    tone: count ? 'orange' : 'gray',
  }
}

function tone(status?: string) {
  return status === 'approved'
    ? 'green'
    : status === 'pending'
      ? 'blue'
      : status === 'returned'
        ? 'red'
        : 'gray'
}
