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
  const source = row?.source ? { status: row.source as string } : null
  const form = row?.form ? { status: row.form as string } : null
  const plan = row?.plan ? { status: row.plan as string } : null
  const signing = { total: Number(row?.signing ?? 0) }
  const termination = { total: Number(row?.termination ?? 0) }
  return [
    {
      id: 'source',
      status: source?.status ?? 'draft',
      label: text('procedures.widget.source'),
      value: REVIEW_LABELS[source?.status ?? 'draft'],
      href: router.makeUrl('procedures.source'),
      tone: tone(source?.status),
    },
    {
      id: 'recommendation',
      status: form?.status ?? 'none',
      label: text('procedures.widget.recommendation'),
      value: form ? REVIEW_LABELS[form.status] : text('procedures.widget.not_applied'),
      href: router.makeUrl('procedures.recommendation'),
      tone: tone(form?.status),
    },
    {
      id: 'report',
      status: plan?.status ?? 'none',
      label: text('procedures.widget.report'),
      value: plan ? REVIEW_LABELS[plan.status] : text('procedures.widget.not_reported'),
      href: router.makeUrl('procedures.report'),
      tone: tone(plan?.status),
    },
    {
      id: 'signing',
      count: Number(signing?.total ?? 0),
      label: text('procedures.widget.signing'),
      value: `${Number(signing?.total ?? 0)}`,
      unit: text('procedures.widget.unit_invitations'),
      href: router.makeUrl('procedures.signing'),
      tone: Number(signing?.total ?? 0) ? 'orange' : 'gray',
    },
    {
      id: 'termination',
      count: Number(termination?.total ?? 0),
      label: text('procedures.widget.termination'),
      value: `${Number(termination?.total ?? 0)}`,
      unit: text('procedures.widget.unit_items'),
      href: router.makeUrl('procedures.termination'),
      tone: Number(termination?.total ?? 0) ? 'orange' : 'gray',
    },
  ]
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
