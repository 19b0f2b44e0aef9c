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

/** The columns a list item is made of (`toItem`), with the employer's name. */
const ITEM_COLUMNS = [
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
  'employers.name as employer_name',
]

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
 * How common each frequent bigram is (PostgreSQL's own statistics of `jobs.search_grams`,
 * refreshed every 10 minutes; it only steers the plan, never the result).
 */
const GRAM_STATS_MS = 10 * 60_000
let gramStats: { at: number; freq: Map<string, number> } | null = null
let gramStatsLoading: Promise<void> | null = null
export async function loadGramStats(force = false) {
  if (!isPg()) return
  if (!force && gramStats && Date.now() - gramStats.at < GRAM_STATS_MS) return
  gramStatsLoading ??= (async () => {
    try {
      const result = await db.rawQuery(
        `SELECT u.e AS gram, u.f AS freq FROM pg_stats,
           unnest(most_common_elems::text::text[], most_common_elem_freqs) AS u(e, f)
         WHERE schemaname = current_schema() AND tablename = 'jobs' AND attname = 'search_grams'`
      )
      gramStats = {
        at: Date.now(),
        freq: new Map(result.rows.map((r: any) => [r.gram, Number(r.freq)])),
      }
    } catch {
      // No statistics readable: every gram, as before (retried after the period).
      gramStats = { at: Date.now(), freq: new Map() }
    } finally {
      gramStatsLoading = null
    }
  })()
  await gramStatsLoading
}

/**
 * The grams a term is looked up by in the GIN index. PostgreSQL estimates an intersection of
 * grams as the product of their frequencies (软件 ∩ 件开 ∩ 开发: 53 rows estimated, 9,961 real on
 * 200,000 jobs), then reads every match and sorts instead of walking the date index: 245 ms for
 * page 3 of 软件开发. When every gram of a term is frequent, the least frequent one alone gives a
 * true estimate (the LIKE re-check keeps the result exact) and the plan walks the index: 2–20 ms.
 * A term with a rare gram keeps all its grams (the bitmap of few rows is the right plan).
 */
export function indexGrams(term: string) {
  const grams = termGrams(term)
  const freq = gramStats?.freq
  if (!freq || grams.length < 2 || !grams.every((g) => freq.has(g))) return grams
  return [grams.reduce((a, b) => (freq.get(b)! < freq.get(a)! ? b : a))]
}

/**
 * Chinese substring search over title + company name. PostgreSQL: the maintained bigram array
 * (GIN index) narrows the rows, LIKE re-checks the exact substring. SQLite: LIKE on the text.
 */
export function applyKeyword(query: DatabaseQueryBuilderContract, keyword?: string | null) {
  for (const term of keywordTerms(keyword)) {
    if (isPg()) query.whereRaw('jobs.search_grams @> ?::text[]', [indexGrams(term)])
    query.whereRaw(`jobs.search_text LIKE ? ESCAPE '\\'`, [`%${escapeLike(term)}%`])
  }
  return query
}

export class JobSearchService {
  /**
   * One page of the 招聘职位 list. No exact total (costly for common terms): we read one row more
   * than a page to know whether 更多 (the next page) exists.
   */
  async list(filters: JobFilters) {
    const page = Math.max(1, Math.min(500, Number(filters.page) || 1))
    if (filters.keyword) await loadGramStats()
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
      .select(...ITEM_COLUMNS, 'jobs.updated_at')
      .offset((page - 1) * PER_PAGE)
      .limit(PER_PAGE + 1)
    const hasMore = rows.length > PER_PAGE
    return { items: rows.slice(0, PER_PAGE).map(toItem), page, hasMore }
  }

  async latest(limit = 6) {
    const rows = await visibleJobs()
      .select(...ITEM_COLUMNS)
      .orderBy('jobs.published_at', 'desc')
      .orderBy('jobs.id', 'desc')
      .limit(limit)
    return rows.map(toItem)
  }
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

export const jobSearch = new JobSearchService()
export default jobSearch
