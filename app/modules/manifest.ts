import type { HttpContext } from '@adonisjs/core/http'
import type { Router } from '@adonisjs/core/http'
import type { ResourceDefinition } from '#core/admin/resource'

/** The four places a module can mount routes, plus public pages (portal lists and details). */
export type ActorArea = 'public' | 'student' | 'employer' | 'school' | 'province'

export type RouteRegistrar = (router: Router) => void

export interface NavigationEntry {
  /** `public`: the portal navigation of every public page (首页 … 招聘公告), on sites that enable the module. */
  area: ActorArea
  /** Menu the entry belongs to (student: `job_center` 求职中心 or `procedures` 就业手续). */
  menu?: string
  /** i18n key of the label. */
  label: string
  /** Route name or absolute path. */
  href: string
  order?: number
}

export interface Widget {
  id: string
  /**
   * `student.home` (学生中心首页), `portal` (the public home of a site), or
   * `company.page` (a section on a company page; props: { employerId }).
   */
  slot: 'student.home' | 'portal' | 'company.page'
  order?: number
  /** Renders the widget's HTML for the current request. */
  render: (ctx: HttpContext, props?: Record<string, any>) => Promise<string>
}

export interface SettingField {
  key: string
  /** i18n key of the label. */
  label: string
  type: 'boolean' | 'number' | 'string' | 'select'
  options?: { value: string; label: string }[]
  /** Whether a school may override the province default. */
  schoolOverridable?: boolean
}

export interface ModuleManifest {
  id: string
  name: { zh: string; en: string }
  version: string
  description?: string
  routes?: Partial<Record<ActorArea, RouteRegistrar>>
  navigation?: NavigationEntry[]
  widgets?: Widget[]
  settings?: { fields: SettingField[]; defaults: Record<string, unknown> }
  /** Background jobs: stable name → lazy import of a job class. */
  jobs?: Record<string, () => Promise<{ default: any }>>
  /** Repeatable jobs run by `node ace queue:work`: a job name from `jobs`, every N ms or a cron pattern. */
  schedules?: { name: string; every?: number; pattern?: string; payload?: object }[]
  /** Admin resources the module contributes to the school/province admin (see `#core/admin/resource`). */
  adminResources?: () => Promise<ResourceDefinition[]>
  /** Called once when the app boots (register Edge components, event listeners, …). */
  boot?: () => Promise<void> | void
}

export function defineModule<T extends ModuleManifest>(manifest: T): T {
  return manifest
}
