import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Message from '#core/messages/models/message'
import ScheduleEntry from '#core/messages/models/schedule_entry'
import { nowDb, toDb } from '#core/database/time'
import { DISPLAY_ZONE } from '#core/ui/format'

export interface NewMessage {
  userId: number
  title: string
  body?: string | null
  link?: string | null
  category?: string
  /** Same key for the same user → stored once (jobs may run twice). */
  dedupeKey?: string | null
}

export interface NewScheduleEntry {
  userId: number
  title: string
  startsAt: DateTime
  endsAt?: DateTime | null
  location?: string | null
  link?: string | null
  sourceKey?: string | null
}

/** The `messages` row of a new message (category `system` unless said). */
function messageRow(message: NewMessage) {
  return {
    user_id: message.userId,
    title: message.title,
    body: message.body ?? null,
    link: message.link ?? null,
    category: message.category ?? 'system',
    dedupe_key: message.dedupeKey ?? null,
    created_at: nowDb(),
  }
}

/**
 * The one way modules leave a 站内消息 or a 我的日程 entry for a person.
 * Both are idempotent on their key so that retried jobs never duplicate.
 */
export class MessageService {
  async send(message: NewMessage, trx?: TransactionClientContract) {
    const query = (trx ?? db).insertQuery().table('messages').insert(messageRow(message))
    if (message.dedupeKey) {
      await query.knexQuery.onConflict(['user_id', 'dedupe_key']).ignore()
    } else {
      await query
    }
  }

  /** Set-based fan-out for pushes to many students at once. */
  async sendMany(messages: NewMessage[], trx?: TransactionClientContract) {
    if (messages.length === 0) return 0
    const client = trx ?? db
    let written = 0
    for (let i = 0; i < messages.length; i += 500) {
      const chunk = messages.slice(i, i + 500).map(messageRow)
      const result = await client
        .knexQuery()
        .table('messages')
        .insert(chunk)
        .onConflict(['user_id', 'dedupe_key'])
        .ignore()
        .returning('id')
      written += Array.isArray(result) ? result.length : chunk.length
    }
    return written
  }

  async unreadCount(userId: number) {
    const row = await db
      .from('messages')
      .where('user_id', userId)
      .whereNull('read_at')
      .count('* as total')
      .first()
    return Number(row?.total ?? 0)
  }

  latest(userId: number, limit = 20, page = 1) {
    return Message.query()
      .where('user_id', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .paginate(page, limit)
  }

  async markRead(userId: number, messageId: number) {
    return Message.query()
      .where('user_id', userId)
      .where('id', messageId)
      .whereNull('read_at')
      .update({ read_at: nowDb() })
  }

  async markAllRead(userId: number) {
    return Message.query()
      .where('user_id', userId)
      .whereNull('read_at')
      .update({ read_at: nowDb() })
  }

  async addSchedule(entry: NewScheduleEntry, trx?: TransactionClientContract) {
    const row = {
      user_id: entry.userId,
      title: entry.title,
      starts_at: toDb(entry.startsAt),
      ends_at: entry.endsAt ? toDb(entry.endsAt) : null,
      location: entry.location ?? null,
      link: entry.link ?? null,
      source_key: entry.sourceKey ?? null,
      cancelled_at: null,
      created_at: nowDb(),
    }
    const query = (trx ?? db).knexQuery().table('schedule_entries').insert(row)
    if (entry.sourceKey) {
      // Re-adding a cancelled entry (e.g. registering again) revives it.
      await query
        .onConflict(['user_id', 'source_key'])
        .merge(['title', 'starts_at', 'ends_at', 'location', 'link', 'cancelled_at'])
    } else {
      await query
    }
  }

  async cancelSchedule(userId: number, sourceKey: string, trx?: TransactionClientContract) {
    await (trx ?? db)
      .from('schedule_entries')
      .where('user_id', userId)
      .where('source_key', sourceKey)
      .update({ cancelled_at: nowDb() })
  }

  upcomingSchedule(userId: number, limit = 10) {
    return ScheduleEntry.query()
      .where('user_id', userId)
      .whereNull('cancelled_at')
      .where('starts_at', '>=', toDb(DateTime.now().setZone(DISPLAY_ZONE).startOf('day')))
      .orderBy('starts_at', 'asc')
      .limit(limit)
  }
}

const messages = new MessageService()
export default messages
