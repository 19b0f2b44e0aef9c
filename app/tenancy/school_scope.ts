import type { ModelQueryBuilderContract, LucidModel } from '@adonisjs/lucid/types/model'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type User from '#core/accounts/models/user'

type AnyQuery = ModelQueryBuilderContract<LucidModel, any> | DatabaseQueryBuilderContract<any>

export interface ScopeColumns {
  /** Column holding the school id of the student-owned row. */
  school?: string
  /** Column holding the college name, for college-scoped teachers. */
  college?: string
}

/**
 * The one helper that scopes a query on student-owned data to what an actor may see:
 * staff → their school (and college when scoped); a student → their school; province admins → all.
 * Employers and anyone else see nothing through it.
 */
export function scopeToActor<Q extends AnyQuery>(
  query: Q,
  actor: User,
  columns: ScopeColumns = {}
): Q {
  const schoolColumn = columns.school ?? 'school_id'
  if (actor.kind === 'admin') return query
  if ((actor.kind === 'staff' || actor.kind === 'student') && actor.schoolId) {
    query.where(schoolColumn, actor.schoolId)
    if (actor.kind === 'staff' && actor.college && columns.college !== undefined) {
      query.where(columns.college, actor.college)
    }
    return query
  }
  query.whereRaw('1 = 0')
  return query
}
