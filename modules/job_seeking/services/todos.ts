import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import type { TodoItem } from '#core/modules/manifest'
import { nowDb } from '#core/database/time'
import { text } from '#core/i18n/text'

export type InterviewFilter = 'pending' | 'upcoming'

/**
 * The interview filters of 应聘管理 (`?f_interview=`): one definition used by the list and by the
 * 单位中心 to-dos, so the count and the list behind its link cannot disagree.
 */
export const INTERVIEW_FILTERS: Record<
  InterviewFilter,
  { label: string; apply: <Q extends { whereExists: any }>(query: Q) => Q }
> = {
  pending: {
    label: 'job_seeking.todos.interview_pending',
    apply: (query) =>
      query.whereExists((q: any) =>
        q
          .from('interview_invitations as ii')
          .whereRaw('ii.application_id = job_applications.id')
          .where('ii.status', 'pending')
          .where('ii.starts_at', '>', nowDb())
      ),
  },
  upcoming: {
    label: 'job_seeking.todos.interview_upcoming',
    apply: (query) =>
      query.whereExists((q: any) =>
        q
          .from('interview_invitations as ii')
          .whereRaw('ii.application_id = job_applications.id')
          .where('ii.status', 'accepted')
          .where('ii.starts_at', '>', nowDb())
      ),
  },
}

async function count(query: any) {
  const row = await query.count('* as total').first()
  return Number(row?.total ?? 0)
}

/** 单位中心: applicants not yet viewed and interviews awaiting the student's answer or coming up. */
export async function employerTodos(ctx: HttpContext): Promise<TodoItem[]> {
  const employerId = ctx.auth.use('web').user!.employerId!
  const applications = () => db.from('job_applications').where('employer_id', employerId)
  // 应聘管理 (admin resource): the 已投递 tab, the interview filter.
  const url = (qs: Record<string, string>) =>
    router.makeUrl('employer.applications.index', {}, { qs })
  const todos: TodoItem[] = [
    {
      label: text('job_seeking.todos.new_applications'),
      count: await count(applications().where('status', 'submitted')),
      href: url({ tab: 'submitted' }),
    },
  ]
  for (const key of Object.keys(INTERVIEW_FILTERS) as InterviewFilter[]) {
    todos.push({
      label: text(INTERVIEW_FILTERS[key].label),
      count: await count(INTERVIEW_FILTERS[key].apply(applications())),
      href: url({ f_interview: key }),
    })
  }
  return todos
}
