import type { HttpContext } from '@adonisjs/core/http'
import moduleRegistry from '#core/modules/registry'
import moduleSwitches from '#core/modules/module_switches'
import type { NavigationEntry } from '#core/modules/manifest'

export interface NavItem {
  label: string
  href: string
  children?: NavItem[]
}

type Area = NavigationEntry['area']

/** Core entries of each area; module entries are merged in by menu. */
const CORE: Record<Area, { label: string; href?: string; menu?: string; order?: number }[]> = {
  // 首页 first and 招聘公告 last; modules put 招聘会 / 宣讲会 / 招聘职位 in between by their order.
  public: [
    { label: 'nav.public.home', href: '/', order: 0 },
    { label: 'nav.public.announcements', href: '/announcements', order: 1000 },
  ],
  student: [
    { label: 'nav.student.home', href: '/student' },
    { label: 'nav.student.job_center', menu: 'job_center' },
    { label: 'nav.student.procedures', menu: 'procedures' },
    { label: 'nav.student.messages', href: '/student/messages' },
    { label: 'nav.student.schedule', href: '/student/schedule' },
  ],
  employer: [
    { label: 'nav.employer.home', href: '/employer' },
    { label: 'nav.employer.profile', href: '/employer/profile' },
  ],
  school: [{ label: 'nav.school.home', href: '/school' }],
  province: [{ label: 'nav.province.home', href: '/province' }],
}

export function schoolIdForModules(ctx: HttpContext) {
  const user = ctx.auth.use('web').user
  if (ctx.site.schoolId) return ctx.site.schoolId
  return user && (user.kind === 'student' || user.kind === 'staff') ? user.schoolId : null
}

const memo = new WeakMap<HttpContext, Map<number | null, Promise<Set<string>>>>()

/** Modules enabled for a school (null: the province), asked once per request however many parts need it. */
export function enabledModulesFor(
  ctx: HttpContext,
  schoolId: number | null = schoolIdForModules(ctx)
) {
  let perRequest = memo.get(ctx)
  if (!perRequest) memo.set(ctx, (perRequest = new Map()))
  let enabled = perRequest.get(schoolId)
  if (!enabled) perRequest.set(schoolId, (enabled = moduleSwitches.enabledIds(schoolId)))
  return enabled
}

/**
 * Built navigations, by area + locale + the set of enabled modules: everything it depends on
 * (the module set comes from the tenancy-versioned switch cache, so a switch is seen on the next
 * request as before). The items are shared between requests: frozen, read-only in views.
 * Bounded: areas × locales × distinct module sets of the schools.
 */
const built = new Map<string, readonly NavItem[]>()
const MAX_BUILT = 2000

/** Navigation of an actor area: core entries plus the entries of modules enabled for this school. */
export async function buildNavigation(ctx: HttpContext, area: Area): Promise<NavItem[]> {
  const enabled = await enabledModulesFor(ctx)
  const key = `${area}\0${ctx.i18n.locale}\0${[...enabled].sort().join(',')}`
  let items = built.get(key)
  if (!items) {
    items = deepFreeze(compose(ctx, area, enabled))
    if (built.size >= MAX_BUILT) built.clear()
    built.set(key, items)
  }
  return items as NavItem[]
}

/** For tests: forget the built navigations. */
export function clearBuiltNavigation() {
  built.clear()
}

function deepFreeze(items: NavItem[]): readonly NavItem[] {
  for (const item of items) {
    if (item.children) deepFreeze(item.children)
    Object.freeze(item)
  }
  return Object.freeze(items)
}

function compose(ctx: HttpContext, area: Area, enabled: Set<string>): NavItem[] {
  const entries = moduleRegistry.navigation(area).filter((e) => enabled.has(e.moduleId))
  const t = (key: string) => ctx.i18n.t(key)
  const items: NavItem[] = []
  for (const core of area === 'public' ? [] : CORE[area]) {
    if (core.menu) {
      const children = entries
        .filter((e) => e.menu === core.menu)
        .map((e) => ({ label: t(e.label), href: e.href }))
      if (children.length) items.push({ label: t(core.label), href: children[0].href, children })
    } else {
      items.push({ label: t(core.label), href: core.href! })
    }
  }
  if (area === 'public') {
    return [...CORE.public, ...entries]
      .sort((a, b) => (a.order ?? 100) - (b.order ?? 100))
      .map((e) => ({ label: t(e.label), href: e.href! }))
  }
  for (const e of entries.filter((x) => !x.menu || !CORE[area].some((c) => c.menu === x.menu))) {
    items.push({ label: t(e.label), href: e.href })
  }
  return items
}
