import type { HttpContext } from '@adonisjs/core/http'
import type { Router } from '@adonisjs/core/http'
import type { ResourceDefinition } from '#core/admin/resource'
import type { AuditLabelSet } from '#core/audit/labels'
import type { FilePurposes } from '#core/files/purposes'
import type { Machine } from '#core/state/machine'

/*
| The module contract (ARCHITECTURE "Modules declare, the core executes"). A module is a folder
| `modules/<id>/` with this manifest in `module.ts`, registered in `start/modules.ts`, and the same
| inner shape: controllers/<area>/, services/ (classes), machines/, validators/, policies/, admin/,
| jobs/, resources/views/pages/<area>/, resources/lang/zh-CN/<id>.json, database/, tests/.
| What a module declares, the core executes, one way for every module:
| - refusals: it throws `Refusal`/`FieldErrors` (#core/http/refusal) with lang keys; the core answers
|   (JSON, htmx toast, flash + back, 403/404 page). A module never renders an error page;
| - input: one VineJS validator per form through `request.validateUsing`, shared rules from
|   #core/validation/rules, messages only in lang files;
| - state: every status column changes only through a machine (`machines`, one file per machine
|   under machines/, `defineMachine` from #core/state/machine) — tests/unit/contracts/status_writes;
| - files: uploads only through #core/files with the `filePurposes` declared here;
| - back office: `adminResources` (areas school, province, employer) — hand-written pages only where
|   a resource cannot fit (check-in, print, statistics);
| - links: every route named `<id>.<area>.<thing>`; views `route()`, redirects `toRoute()`, the
|   `navigation`/`todos` hrefs from route names — tests/unit/contracts/module_views;
| - texts: every UI text and refusal in `resources/lang/zh-CN/<id>.json`; views call `t()`, code
|   `text()` (#core/i18n/text); no Chinese literal in module views or code (data and tests aside).
| A module imports the core and, of another module, only its `<id>_directory` service.
*/

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

/** The homes that show module to-dos: 单位中心 (`/employer`), 学校 and 省级工作台 (`/school`, `/province`). */
export type TodoArea = 'employer' | 'school' | 'province'

export interface TodoItem {
  /** Chinese label of what awaits this actor (待审核的解约申请 …). */
  label: string
  count: number
  /** Opens the page where the actor acts, already filtered to exactly the `count` records. */
  href: string
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

export interface ModuleApi {
  public?: RouteRegistrar
  student?: RouteRegistrar
  /** 91job-compatible open data (`/web/wsjysc/…`, legacy detail links), public and rate-limited. */
  openData?: RouteRegistrar
  /** Counts for the student's home in the app (GET /api/v1/me), named in snake_case. */
  homeCounts?: (userId: number) => Promise<Record<string, number>>
}

export interface ModuleManifest {
  id: string
  name: { zh: string; en: string }
  version: string
  description?: string
  routes?: Partial<Record<ActorArea, RouteRegistrar>>
  /**
   * Open API routes (JSON), mounted by the core under `/api/v1` (`public`) and behind the
   * api token guard (`student`), each behind the module guard. Every route is declared with
   * `describe()` from `#core/api/describe` (the OpenAPI document is generated from it).
   */
  api?: ModuleApi
  navigation?: NavigationEntry[]
  widgets?: Widget[]
  /**
   * To-dos on an actor's home, per area: each provider counts, inside the actor's scope, what
   * awaits the logged-in actor and links to the filtered list that shows exactly those records.
   * The core calls only the providers of modules enabled for the site/school and hides zero counts.
   */
  todos?: Partial<Record<TodoArea, (ctx: HttpContext) => Promise<TodoItem[]>>>
  settings?: { fields: SettingField[]; defaults: Record<string, unknown> }
  /** Background jobs: stable name → lazy import of a job class. */
  jobs?: Record<string, () => Promise<{ default: any }>>
  /** Repeatable jobs run by `node ace queue:work`: a job name from `jobs`, every N ms or a cron pattern. */
  schedules?: { name: string; every?: number; pattern?: string; payload?: object }[]
  /** Admin resources the module contributes to the school/province admin (see `#core/admin/resource`). */
  adminResources?: () => Promise<ResourceDefinition[]>
  /**
   * Chinese names of what the module writes to the audit log (actions, subjects, fields, values,
   * record titles): read by `#core/audit/labels`, the one describer of every audit reader.
   */
  audit?: () => Promise<AuditLabelSet> | AuditLabelSet
  /**
   * What the module's uploads are for, by purpose id (stored in `files.purpose`): allowed types
   * (checked on the content), size limit, readers besides the uploader, and how the orphan sweep
   * finds the records that reference them. Registered by the core at boot; uploads are stored
   * and sent only through `#core/files` (`files.store(upload, purpose)`, `files.send(ctx, file)`).
   */
  filePurposes?: FilePurposes
  /**
   * The module's state machines (one file each under `machines/`), by name: the core checks that
   * every refusal and state label has its lang key, admin review actions call their transitions.
   */
  machines?: () => Promise<Record<string, Machine<any, any>>>
  /** Called once when the app boots (register Edge components, event listeners, …). */
  boot?: () => Promise<void> | void
}

export function defineModule<T extends ModuleManifest>(manifest: T): T {
  return manifest
}
