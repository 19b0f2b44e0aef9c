import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#core/accounts/models/user'
import Graduate from '#core/registry/models/graduate'
import { Refusal } from '#core/http/refusal'
import messages from '#core/messages/services/message_service'
import { text } from '#core/i18n/text'

/** The registry record of a logged-in student (every student procedure starts here). */
export async function graduateOf(user: User, trx?: TransactionClientContract) {
  const graduate =
    user.kind === 'student' && user.graduateId
      ? await Graduate.find(user.graduateId, { client: trx })
      : null
  if (!graduate) throw Refusal.forbidden('procedures.refusals.no_graduate_record')
  return graduate
}

/** users.id of the student account of a registry record (null before activation). */
export async function studentUserIdOf(graduateId: number, trx?: TransactionClientContract) {
  const row = await (trx ?? db)
    .from('users')
    .where('graduate_id', graduateId)
    .where('kind', 'student')
    .select('id')
    .first()
  return row ? Number(row.id) : null
}

/** The employer's staff accounts (all of them receive the company's 站内消息). */
export async function employerUserIds(employerId: number, trx?: TransactionClientContract) {
  const rows = await (trx ?? db)
    .from('users')
    .where('employer_id', employerId)
    .where('kind', 'employer')
    .select('id')
  return rows.map((r) => Number(r.id))
}

/**
 * A 站内消息 about a school decision to the student (of a registry record, or the account that
 * asked), nothing before the account exists. `title` is a lang key, `route` the page it opens.
 */
export async function notifyStudent(
  to: { graduateId: number } | { userId: number | null },
  message: { title: string; route: string; body?: string | null }
) {
  const userId = 'graduateId' in to ? await studentUserIdOf(to.graduateId) : to.userId
  if (!userId) return
  await messages.send({
    userId,
    category: 'procedures',
    link: router.makeUrl(message.route),
    title: text(message.title),
    body: message.body || null,
  })
}
