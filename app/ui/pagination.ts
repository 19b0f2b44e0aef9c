/**
 * The pager of every list with a total (components/pagination.edge): 共 N 条, previous/next and page
 * numbers with ellipses. Links keep every filter and search of the current GET request (a controller
 * need not repeat them in paginator.queryString), then the paginator's own query string, then the page.
 * Lists that deliberately avoid a COUNT (the /jobs search) use their own "更多" link instead.
 */
export interface PagerSource {
  total: number
  perPage: number
  currentPage: number
  lastPage: number
  getUrl(page: number): string
}
interface RequestLike {
  method(): string
  qs(): Record<string, unknown>
}
export type PagerItem = { page: number; url: string; current: boolean } | { gap: true }
/** hx-get/hx-target/hx-push-url attributes of a pager link, escaped, or nothing without a target. */
export function pagerHx(url: string, target?: string) {
  if (!target) return ''
  return `hx-get="${escapeAttr(url)}" hx-target="${escapeAttr(target)}" hx-push-url="true"`
}
function escapeAttr(value: string) {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}
export interface Pager {
  total: number
  currentPage: number
  lastPage: number
  prev: string | null
  next: string | null
  items: PagerItem[]
}

/** Page numbers shown: first, last, and `around` on each side of the current one; gaps become ellipses. */
export function pageNumbers(current: number, last: number, around = 2): (number | null)[] {
  const shown = new Set([1, last])
  for (let p = current - around; p <= current + around; p++) if (p >= 1 && p <= last) shown.add(p)
  const sorted = [...shown].sort((a, b) => a - b)
  const out: (number | null)[] = []
  for (const [i, p] of sorted.entries()) {
    if (i > 0) {
      const gap = p - sorted[i - 1]
      // A gap of exactly one page shows that page rather than an ellipsis standing for it.
      if (gap === 2) out.push(p - 1)
      else if (gap > 2) out.push(null)
    }
    out.push(p)
  }
  return out
}

export function buildPager(paginator: PagerSource, request?: RequestLike): Pager {
  const current = Math.max(1, paginator.currentPage)
  const last = Math.max(1, paginator.lastPage)
  const carried = request && request.method() === 'GET' ? request.qs() : {}
  const url = (page: number) => {
    const own = new URL(paginator.getUrl(page), 'http://pager.invalid')
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(carried)) {
      if (key === 'page' || own.searchParams.has(key)) continue
      for (const v of Array.isArray(value) ? value : [value])
        if (v !== undefined && v !== null && typeof v !== 'object') params.append(key, String(v))
    }
    for (const [key, value] of own.searchParams) if (key !== 'page') params.append(key, value)
    params.set('page', String(page))
    // A paginator without a base URL links relative to the page (the list's own address).
    const base = paginator.getUrl(page).startsWith('?') ? '' : own.pathname
    return `${base}?${params.toString()}`
  }
  return {
    total: paginator.total,
    currentPage: current,
    lastPage: last,
    prev: current > 1 ? url(current - 1) : null,
    next: current < last ? url(current + 1) : null,
    items: pageNumbers(current, last).map((p) =>
      p === null ? { gap: true as const } : { page: p, url: url(p), current: p === current }
    ),
  }
}
