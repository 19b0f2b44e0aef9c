import db from '@adonisjs/lucid/services/db'
import { dictionaryRows, type DictionaryKind } from '#modules/job_seeking/data/dictionaries'

export interface SalaryRange {
  label: string
  min: number | null
  max: number | null
}

/**
 * Reads the seeded dictionaries (job_dictionary_items). They are reference data that only a
 * migration changes, so the option lists of forms and filters are kept in memory for a few
 * minutes (every process converges within that time; validation always reads the table).
 */
let formCache: { at: number; value: Awaited<ReturnType<typeof loadForForms>> } | null = null
const FORM_CACHE_MS = 5 * 60 * 1000

async function loadForForms() {
  const [regions, industries, categories, natures, employerNatures, scales, education, salaries] =
    await Promise.all([
      dictionaries.regions(),
      dictionaries.values('industry'),
      dictionaries.values('job_category'),
      dictionaries.values('job_nature'),
      dictionaries.values('employer_nature'),
      dictionaries.values('employer_scale'),
      dictionaries.values('education'),
      dictionaries.salaryRanges(),
    ])
  const annualSalaries = await dictionaries.salaryRanges('annual_salary_range')
  return {
    regions,
    industries,
    categories,
    natures,
    employerNatures,
    scales,
    education,
    salaries,
    annualSalaries,
  }
}

export class DictionaryService {
  async values(kind: DictionaryKind, parent?: string): Promise<string[]> {
    const q = db
      .from('job_dictionary_items')
      .where('kind', kind)
      .orderBy('position')
      .select('value')
    if (parent) q.where('parent', parent)
    return (await q).map((r: any) => r.value)
  }

  async has(kind: DictionaryKind, value: string) {
    return Boolean(await db.from('job_dictionary_items').where({ kind, value }).first())
  }

  /** province → cities, for grouped selects. */
  async regions(): Promise<{ province: string; cities: string[] }[]> {
    const rows = await db
      .from('job_dictionary_items')
      .whereIn('kind', ['province', 'city'])
      .orderBy('position')
      .select('kind', 'value', 'parent')
    const provinces = rows
      .filter((r: any) => r.kind === 'province')
      .map((r: any) => r.value as string)
    return provinces.map((province) => ({
      province,
      cities: rows
        .filter((r: any) => r.kind === 'city' && r.parent === province)
        .map((r: any) => r.value),
    }))
  }

  async provinceOf(city: string): Promise<string | null> {
    const row = await db.from('job_dictionary_items').where({ kind: 'city', value: city }).first()
    return row?.parent ?? null
  }

  /** Monthly ranges (job salaries, filters) or the annual ones of 期望年薪. */
  async salaryRanges(
    kind: 'salary_range' | 'annual_salary_range' = 'salary_range'
  ): Promise<SalaryRange[]> {
    const rows = await db.from('job_dictionary_items').where('kind', kind).orderBy('position')
    return rows.map((r: any) => {
      const [min, max] = JSON.parse(r.extra ?? '[null,null]')
      return { label: r.value, min, max }
    })
  }

  /** All the option lists a job form, a filter bar or an intention form needs (cached briefly). */
  async forForms() {
    if (formCache && Date.now() - formCache.at < FORM_CACHE_MS && formCache.value.regions.length) {
      return formCache.value
    }
    const value = await loadForForms()
    formCache = { at: Date.now(), value }
    return value
  }

  /** Re-seeds after a test truncated every table (the migration seeds a fresh database). */
  async ensureSeeded() {
    const row = await db.from('job_dictionary_items').count('* as total').first()
    if (Number(row?.total ?? 0) > 0) return
    const rows = dictionaryRows()
    for (let i = 0; i < rows.length; i += 200) {
      await db.table('job_dictionary_items').multiInsert(rows.slice(i, i + 200))
    }
    formCache = null
  }
}

export const dictionaries = new DictionaryService()
export default dictionaries
