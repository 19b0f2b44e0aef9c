import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { formatSalary } from '#core/ui/format'
import type { DateTime } from 'luxon'
import { nowDb, toDb } from '#core/database/time'
import dictionaries from '#modules/job_seeking/services/dictionaries'

export interface JobFilters {
  keyword?: string
  city?: string
  industry?: string
  nature?: string
  category?: string
  salary?: string
  sort?: 'latest' | 'salary'
  page?: number
  /** Open API: only jobs changed at or after this instant (how a client learns of new items). */
  updatedSince?: DateTime
}

export interface JobListItem {
  id: number
  title: string
  city: string
  category: string
  nature: string
  education: string | null
  salaryText: string
  employerId: number
  employerName: string
  industry: string | null
  publishedAt: unknown
  updatedAt?: unknown
}

export const PER_PAGE = 20

function isPg() {
  return db.connection().dialect.name === 'postgres'
}

/** Keyword terms: split on spaces, lower-cased, at most 3 terms of at most 20 characters. */
export function keywordTerms(keyword?: string | null) {
  return (keyword ?? '')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 3)
    .map((t) => [...t].slice(0, 20).join(''))
}

/** The character grams of a term that the GIN index answers: bigrams, or the character itself. */
export function termGrams(term: string) {
  const chars = [...term]
  if (chars.length === 1) return chars
  const grams = new Set<string>()
  for (let i = 0; i < chars.length - 1; i++) grams.add(chars[i] + chars[i + 1])
  return [...grams]
}

function escapeLike(term: string) {
  return term.replace(/[\\%_]/g, (c) => '\\' + c)
}

/** Jobs a student may see: open, before the deadline, from a verified employer. */
export function visibleJobs() {
  return db
    .from('jobs')
    .join('employers', 'employers.id', 'jobs.employer_id')
    .where('jobs.status', 'open')
    .where('employers.status', 'verified')
    .where((q) => q.whereNull('jobs.deadline').orWhere('jobs.deadline', '>=', nowDb()))
}

/**
 * Chinese substring search over title + company name. PostgreSQL: the maintained bigram array
 * (GIN index) narrows the rows, LIKE re-checks the exact substring. SQLite: LIKE on the text.
 */
export function applyKeyword(query: DatabaseQueryBuilderContract, keyword?: string | null) {
  for (const term of keywordTerms(keyword)) {
    if (isPg()) query.whereRaw('jobs.search_grams @> ?::text[]', [termGrams(term)])
    query.whereRaw(`jobs.search_text LIKE ? ESCAPE '\\'`, [`%${escapeLike(term)}%`])
  }
  return query
}

export const jobSearch = {
  /**
   * One page of the 招聘职位 list. No exact total (costly for common terms): we read one row more
   * than a page to know whether 更多 (the next page) exists.
   */
  async list(filters: JobFilters) {
    const page = Math.max(1, Math.min(500, Number(filters.page) || 1))
    const query = visibleJobs()
    applyKeyword(query, filters.keyword)
    if (filters.city) query.where('jobs.city', filters.city)
    if (filters.industry) query.where('jobs.industry', filters.industry)
    if (filters.nature) query.where('jobs.nature', filters.nature)
    if (filters.category) query.where('jobs.category', filters.category)
    if (filters.updatedSince) query.where('jobs.updated_at', '>=', toDb(filters.updatedSince))
    if (filters.salary) {
      const range = (await dictionaries.forForms()).salaries.find((r) => r.label === filters.salary)
      if (range?.min) query.where('jobs.salary_max', '>=', range.min)
      if (range?.max) query.where('jobs.salary_min', '<=', range.max)
    }
    if (filters.sort === 'salary') {
      query.orderByRaw('jobs.salary_max DESC NULLS LAST').orderBy('jobs.id', 'desc')
    } else {
      query.orderBy('jobs.published_at', 'desc').orderBy('jobs.id', 'desc')
    }
    const rows = await query
      .select(
        'jobs.id',
        'jobs.title',
        'jobs.city',
        'jobs.category',
        'jobs.nature',
        'jobs.education',
        'jobs.salary_min',
        'jobs.salary_max',
        'jobs.industry',
        'jobs.published_at',
        'jobs.updated_at',
        'jobs.employer_id',
        'employers.name as employer_name'
      )
      .offset((page - 1) * PER_PAGE)
      .limit(PER_PAGE + 1)
    const hasMore = rows.length > PER_PAGE
    return { items: rows.slice(0, PER_PAGE).map(toItem), page, hasMore }
  },

  async latest(limit = 6) {
    const rows = await visibleJobs()
      .select(
        'jobs.id',
        'jobs.title',
        'jobs.city',
        'jobs.category',
        'jobs.nature',
        'jobs.education',
        'jobs.salary_min',
        'jobs.salary_max',
        'jobs.industry',
        'jobs.published_at',
        'jobs.employer_id',
        'employers.name as employer_name'
      )
      .orderBy('jobs.published_at', 'desc')
      .orderBy('jobs.id', 'desc')
      .limit(limit)
    return rows.map(toItem)
  },
}

export function toItem(r: any): JobListItem {
  return {
    id: r.id,
    title: r.title,
    city: r.city,
    category: r.category,
    nature: r.nature,
    education: r.education,
    salaryText: formatSalary(r.salary_min, r.salary_max),
    employerId: r.employer_id,
    employerName: r.employer_name,
    industry: r.industry,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
  }
}

export default jobSearch
