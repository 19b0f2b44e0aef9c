import { randomInt } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import smsSender from '#core/accounts/sms/sms_sender'
import { fromDb, nowDb, toDb } from '#core/database/time'

const TTL_MINUTES = 10
const MAX_ATTEMPTS = 5

export type CodeCheck = 'ok' | 'wrong' | 'expired'

/** SMS verification codes: six digits, ten minutes, single use, five wrong tries at most. */
export class VerificationCodes {
  async send(phone: string, purpose: string) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    await db.table('verification_codes').insert({
      phone,
      purpose,
      code,
      attempts: 0,
      expires_at: toDb(DateTime.now().plus({ minutes: TTL_MINUTES })),
      used_at: null,
      created_at: nowDb(),
    })
    await smsSender.sendCode(phone, code)
  }

  /** Checks and consumes the newest code for the phone. */
  async verify(phone: string, purpose: string, code: string): Promise<CodeCheck> {
    const row = await db
      .from('verification_codes')
      .where({ phone, purpose })
      .whereNull('used_at')
      .orderBy('id', 'desc')
      .first()
    if (!row) return 'wrong'
    const expiresAt = fromDb(row.expires_at)!
    if (expiresAt < DateTime.now() || row.attempts >= MAX_ATTEMPTS) return 'expired'
    if (row.code !== code.trim()) {
      await db.from('verification_codes').where('id', row.id).increment('attempts', 1)
      return 'wrong'
    }
    // Conditional update: a code is consumed exactly once even under concurrent submits.
    const updated = await db
      .from('verification_codes')
      .where('id', row.id)
      .whereNull('used_at')
      .update({ used_at: nowDb() })
    return Number(Array.isArray(updated) ? updated[0] : updated) > 0 ? 'ok' : 'expired'
  }
}

export default new VerificationCodes()
