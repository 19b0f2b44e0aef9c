import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#core/accounts/models/user'
import Graduate from '#core/registry/models/graduate'
import { ProcedureError } from '#modules/procedures/services/errors'

/** The registry record of a logged-in student (every student procedure starts here). */
export async function graduateOf(user: User, trx?: TransactionClientContract) {
  if (user.kind !== 'student' || !user.graduateId)
    throw new ProcedureError('procedures.refusals.no_graduate_record', null, 403)
  const graduate = await Graduate.find(user.graduateId, { client: trx })
  if (!graduate) throw new ProcedureError('procedures.refusals.no_graduate_record', null, 403)
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
