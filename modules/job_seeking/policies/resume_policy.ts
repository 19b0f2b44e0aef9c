import { Bouncer } from '@adonisjs/bouncer'
import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'

export interface ResumeOwner {
  id: number
  userId: number
}

/**
 * Who may read a resume (its online version as PDF, its attachment): the student it belongs to,
 * and an employer the student applied to with this resume. Nobody else — province admins included.
 */
export async function canViewResume(user: User, resume: ResumeOwner) {
  if (user.kind === 'student') return user.id === resume.userId
  if (user.kind === 'employer' && user.employerId) {
    const application = await db
      .from('job_applications')
      .where('resume_id', resume.id)
      .where('employer_id', user.employerId)
      .first()
    return Boolean(application)
  }
  return false
}

export const viewResume = Bouncer.ability((user: User, resume: ResumeOwner) =>
  canViewResume(user, resume)
)
