import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import moduleSwitches from '#core/modules/module_switches'
import messages from '#core/messages/services/message_service'
import { nowDb } from '#core/database/time'
import { formatSalary } from '#core/ui/format'
import { text } from '#core/i18n/text'
import router from '@adonisjs/core/services/router'
import { visibleJobs } from '#modules/job_seeking/services/job_search'
import jobDirectory from '#modules/job_seeking/services/job_directory'

export interface PushResult {
  matched: number
  messages: number
}

/**
 * Subscription pushes. Matching is one set-based INSERT … SELECT into job_pushes (primary key
 * job + student: a job is never pushed twice to the same student); immediate subscribers then get
 * their 站内消息 in one INSERT … SELECT, digest subscribers wait for the daily/weekly digest job.
 */
export class SubscriptionPushService {
  async schoolsWithModuleOff(): Promise<number[]> {
    const schools = await db.from('schools').select('id')
    const off: number[] = []
    for (const s of schools) {
      if (!(await moduleSwitches.isEnabledForSchool(s.id, 'job_seeking'))) off.push(s.id)
    }
    return off
  }

  async pushJob(jobId: number): Promise<PushResult> {
    if (!(await moduleSwitches.isAvailableInProvince('job_seeking')))
      return { matched: 0, messages: 0 }
    const job = await visibleJobs()
      .where('jobs.id', jobId)
      .select(
        'jobs.id',
        'jobs.title',
        'jobs.city',
        'jobs.category',
        'jobs.industry',
        'jobs.nature',
        'jobs.salary_min',
        'jobs.salary_max',
        'employers.name as employer_name',
        'employers.nature as employer_nature',
        'employers.scale as employer_scale'
      )
      .first()
    // Closed, expired or from an unverified employer by the time the job runs: nothing to push.
    if (!job) return { matched: 0, messages: 0 }
    const off = await this.schoolsWithModuleOff()
    const now = nowDb()

    const termFilter = (flag: string, kind: string, value: string | null) => {
      if (!value) return { sql: `i.${flag} = ?`, bindings: [true] as unknown[] }
      return {
        sql: `(i.${flag} = ? OR i.user_id IN (SELECT t.user_id FROM job_intention_terms t WHERE t.kind = ? AND t.value = ?))`,
        bindings: [true, kind, value] as unknown[],
      }
    }
    const filters = [
      termFilter('any_city', 'city', job.city),
      termFilter('any_category', 'category', job.category),
      termFilter('any_industry', 'industry', job.industry),
      termFilter('any_nature', 'nature', job.employer_nature),
      termFilter('any_scale', 'scale', job.employer_scale),
    ]
    const conditions = [
      `i.type = 'employment'`,
      `i.subscribed = ?`,
      `(i.job_nature IS NULL OR i.job_nature = ?)`,
      ...filters.map((f) => f.sql),
    ]
    const bindings: unknown[] = [
      jobId,
      now,
      true,
      job.nature,
      ...filters.flatMap((f) => f.bindings),
    ]
    // 期望年薪: a job without a salary (面议) matches every expectation.
    if (job.salary_max !== null && job.salary_max !== undefined) {
      conditions.push(`(i.expected_salary_min IS NULL OR i.expected_salary_min <= ?)`)
      bindings.push(Number(job.salary_max))
    }
    if (off.length) {
      conditions.push(`i.school_id NOT IN (${off.map(() => '?').join(', ')})`)
      bindings.push(...off)
    }

    const salary = formatSalary(job.salary_min, job.salary_max)
    const title = text('job_seeking.messages.push_title', {
      employer: job.employer_name,
      job: job.title,
    })
    const body = text('job_seeking.messages.push_body', { job: job.title, city: job.city, salary })
    const link = jobDirectory.jobUrl(job.id)

    return db.transaction(async (trx) => {
      await trx.rawQuery(
        `INSERT INTO job_pushes (job_id, user_id, frequency, created_at)
         SELECT ?, i.user_id, i.frequency, ? FROM job_intentions i
         WHERE ${conditions.join(' AND ')}
         ON CONFLICT (job_id, user_id) DO NOTHING`,
        bindings as any[]
      )
      const matched = Number(
        (await trx.from('job_pushes').where('job_id', jobId).count('* as total').first())?.total ??
          0
      )
      const pending = Number(
        (
          await trx
            .from('job_pushes')
            .where('job_id', jobId)
            .where('frequency', 'immediate')
            .whereNull('sent_at')
            .count('* as total')
            .first()
        )?.total ?? 0
      )
      if (pending > 0) {
        await trx.rawQuery(
          `INSERT INTO messages (user_id, category, title, body, link, dedupe_key, created_at)
           SELECT p.user_id, 'job_push', ?, ?, ?, ?, ? FROM job_pushes p
           WHERE p.job_id = ? AND p.frequency = 'immediate' AND p.sent_at IS NULL
           ON CONFLICT (user_id, dedupe_key) DO NOTHING`,
          [title, body, link, `job-push-${jobId}`, now, jobId]
        )
        await trx
          .from('job_pushes')
          .where('job_id', jobId)
          .where('frequency', 'immediate')
          .whereNull('sent_at')
          .update({ sent_at: now })
      }
      return { matched, messages: pending }
    })
  }

  /** Daily / weekly digest: one 站内消息 per student listing the jobs collected since the last one. */
  async sendDigest(frequency: 'daily' | 'weekly'): Promise<number> {
    const period =
      frequency === 'daily'
        ? DateTime.now().setZone('Asia/Shanghai').toFormat('yyyy-MM-dd')
        : DateTime.now().setZone('Asia/Shanghai').toFormat("kkkk-'W'WW")
    const off = await this.schoolsWithModuleOff()
    let sent = 0
    // Students in batches so a large digest never loads everything at once.
    for (;;) {
      const users = await db
        .from('job_pushes as p')
        .join('job_intentions as i', 'i.user_id', 'p.user_id')
        .where('p.frequency', frequency)
        .whereNull('p.sent_at')
        .if(off.length > 0, (q) => q.whereNotIn('i.school_id', off))
        .distinct('p.user_id')
        .limit(500)
      if (users.length === 0) break
      const ids = users.map((u: any) => u.user_id)
      const rows = await visibleJobs()
        .join('job_pushes as p', 'p.job_id', 'jobs.id')
        .whereIn('p.user_id', ids)
        .where('p.frequency', frequency)
        .whereNull('p.sent_at')
        .select(
          'p.user_id',
          'jobs.id',
          'jobs.title',
          'jobs.city',
          'employers.name as employer_name'
        )
        .orderBy('jobs.published_at', 'desc')
      const byUser = new Map<number, any[]>()
      for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r])
      await db.transaction(async (trx) => {
        const batch = [...byUser.entries()].map(([userId, jobs]) => ({
          userId,
          category: 'job_push',
          title: text(`job_seeking.messages.digest_title_${frequency}`, { count: jobs.length }),
          body: jobs
            .slice(0, 10)
            .map((j) =>
              text('job_seeking.messages.digest_line', {
                employer: j.employer_name,
                job: j.title,
                city: j.city,
              })
            )
            .join('\n'),
          link: router.makeUrl('student.jobs'),
          dedupeKey: `job-digest-${frequency}-${period}`,
        }))
        sent += await messages.sendMany(batch, trx)
        await trx
          .from('job_pushes')
          .whereIn('user_id', ids)
          .where('frequency', frequency)
          .whereNull('sent_at')
          .update({ sent_at: nowDb() })
      })
    }
    return sent
  }
}

export const subscriptionPush = new SubscriptionPushService()
export default subscriptionPush
