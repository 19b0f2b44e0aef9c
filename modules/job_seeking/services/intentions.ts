import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'
import JobIntention, {
  type Frequency,
  type IntentionType,
} from '#modules/job_seeking/models/job_intention'
import dictionaries from '#modules/job_seeking/services/dictionaries'
import { FieldErrors } from '#core/http/refusal'

export type TermKind = 'city' | 'category' | 'industry' | 'nature' | 'scale'

export interface IntentionInput {
  type: IntentionType
  job_nature?: string
  cities?: string[]
  categories?: string[]
  industries?: string[]
  employer_natures?: string[]
  employer_scales?: string[]
  expected_salary?: string
  subscribed?: boolean
  frequency?: Frequency
}

const TERM_FIELDS: [keyof IntentionInput, TermKind, Parameters<typeof dictionaries.has>[0]][] = [
  ['cities', 'city', 'city'],
  ['categories', 'category', 'job_category'],
  ['industries', 'industry', 'industry'],
  ['employer_natures', 'nature', 'employer_nature'],
  ['employer_scales', 'scale', 'employer_scale'],
]

/** 求职意向管理: only 拟就业 keeps the detailed fields and 订阅设置. */
export class IntentionService {
  async of(userId: number) {
    const intention = await JobIntention.findBy('userId', userId)
    const terms: Record<TermKind, string[]> = {
      city: [],
      category: [],
      industry: [],
      nature: [],
      scale: [],
    }
    if (intention) {
      const rows = await db
        .from('job_intention_terms')
        .where('user_id', userId)
        .select('kind', 'value')
      for (const r of rows) terms[r.kind as TermKind]?.push(r.value)
    }
    return { intention, terms }
  }

  async save(student: User, input: IntentionInput) {
    const employment = input.type === 'employment'
    const terms: { kind: TermKind; value: string }[] = []
    if (employment) {
      for (const [field, kind, dict] of TERM_FIELDS) {
        for (const value of new Set((input[field] as string[] | undefined) ?? [])) {
          if (!value) continue
          if (!(await dictionaries.has(dict, value)))
            throw new FieldErrors({ [field as string]: 'job_seeking.refusals.choose_from_list' })
          terms.push({ kind, value })
        }
      }
      if (input.job_nature && !(await dictionaries.has('job_nature', input.job_nature))) {
        throw new FieldErrors({ job_nature: 'job_seeking.refusals.choose_from_list' })
      }
    }
    let salaryMin: number | null = null
    if (employment && input.expected_salary) {
      const range = (await dictionaries.salaryRanges('annual_salary_range')).find(
        (r) => r.label === input.expected_salary
      )
      if (!range)
        throw new FieldErrors({ expected_salary: 'job_seeking.refusals.choose_from_list' })
      salaryMin = range.min
    }
    const has = (kind: TermKind) => terms.some((t) => t.kind === kind)
    const values = {
      schoolId: student.schoolId!,
      type: input.type,
      jobNature: employment ? input.job_nature || null : null,
      expectedSalary: employment ? input.expected_salary || null : null,
      expectedSalaryMin: salaryMin,
      subscribed: employment ? Boolean(input.subscribed) : false,
      frequency: (employment && input.frequency) || 'immediate',
      anyCity: !has('city'),
      anyCategory: !has('category'),
      anyIndustry: !has('industry'),
      anyNature: !has('nature'),
      anyScale: !has('scale'),
    }
    return db.transaction(async (trx) => {
      const intention = await JobIntention.updateOrCreate({ userId: student.id }, values, {
        client: trx,
      })
      await trx.from('job_intention_terms').where('user_id', student.id).delete()
      if (terms.length) {
        await trx
          .table('job_intention_terms')
          .multiInsert(terms.map((t) => ({ user_id: student.id, ...t })))
      }
      return intention
    })
  }
}

export const intentions = new IntentionService()
export default intentions
