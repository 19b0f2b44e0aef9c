import { Bouncer } from '@adonisjs/bouncer'
import type User from '#core/accounts/models/user'

/**
 * 全国毕业去向登记 export/import: the one place a full 身份证号 leaves the platform, so only a
 * school's own administrators (staff of that school not limited to a college) may do it.
 * College teachers and the province are refused (with `NATIONAL_REFUSAL`).
 */
export const exportNationalRegistrations = Bouncer.ability(
  (user: User, schoolId: number) =>
    user.kind === 'staff' && user.schoolId === schoolId && !user.college
)

/** The refusal's lang key (the Refusal resolves it). */
export const NATIONAL_REFUSAL = 'procedures.refusals.national_admin_only'
