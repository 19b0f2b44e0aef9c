import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { HttpContext } from '@adonisjs/core/http'
import type { TodoArea } from '#core/modules/manifest'
import type User from '#core/accounts/models/user'
import { scopeToActor } from '#core/tenancy/school_scope'
import moduleSwitches from '#core/modules/module_switches'
import moduleRegistry from '#core/modules/registry'
import audit from '#core/audit/audit_service'

export interface Todo {
  label: string
  count: number
  href: string
}

async function count(query: any) {
  const row = await query.count('* as total').first()
  return Number(row?.total ?? 0)
}

/**
 * The to-dos modules declare for a home (`todos` in their manifest), only of the modules enabled
 * here; zero counts are hidden. A failing provider is logged and left out: the home still renders.
 */
export async function moduleTodos(
  ctx: HttpContext,
  area: TodoArea,
  enabled: Set<string>
): Promise<Todo[]> {
  const out: Todo[] = []
  for (const { moduleId, provide } of moduleRegistry.todoProviders(area)) {
    if (!enabled.has(moduleId)) continue
    try {
      out.push(...(await provide(ctx)))
    } catch (error) {
      logger.error({ err: error, moduleId, area }, 'module to-do provider failed')
    }
  }
  return out.filter((t) => t.count > 0)
}

/** Counts and to-dos of the admin home pages (工作台), always inside the actor's scope. */
export class DashboardService {
  constructor(
    private user: User,
    private ctx?: HttpContext
  ) {}

  async #moduleTodos(area: 'school' | 'province', schoolId: number | null) {
    if (!this.ctx) return []
    const { enabledModulesFor } = await import('#core/ui/navigation')
    return moduleTodos(this.ctx, area, await enabledModulesFor(this.ctx, schoolId))
  }

  #graduates() {
    return scopeToActor(db.from('graduates'), this.user, {
      school: 'graduates.school_id',
      college: 'graduates.college',
    })
  }

  async school() {
    const total = await count(this.#graduates())
    const activated = await count(
      this.#graduates().whereExists((q) =>
        q.from('users').whereRaw('users.graduate_id = graduates.id')
      )
    )
    const signable = await count(this.#graduates().where('signable', true))
    const missingId = await count(
      this.#graduates().where((q) => q.whereNull('id_number').orWhere('id_number', ''))
    )
    const missingPhone = await count(
      this.#graduates().where((q) => q.whereNull('phone').orWhere('phone', ''))
    )
    const states = await moduleSwitches.states(this.user.schoolId)
    const enabled = [...states.values()].filter((s) => s.enabled).length
    const stats = [
      { label: '生源总数', value: total, href: '/school/graduates' },
      { label: '已激活学生账号', value: activated, href: '/school/graduates?f_gap=activated' },
      { label: '可签约学生', value: signable, href: '/school/graduates?f_signable=1' },
      ...(this.user.college
        ? []
        : [{ label: '已开通功能', value: `${enabled}/${states.size}`, href: '/school/modules' }]),
    ]
    const todos: Todo[] = [
      {
        label: '生源库为空，请先导入生源',
        count: total === 0 ? 1 : 0,
        href: '/school/graduates/import',
      },
      {
        label: '未标记可签约的学生',
        count: total - signable,
        href: '/school/graduates?f_signable=0',
      },
      { label: '缺少身份证号的生源', count: missingId, href: '/school/graduates?f_gap=missing_id' },
      {
        label: '缺少手机号的生源',
        count: missingPhone,
        href: '/school/graduates?f_gap=missing_phone',
      },
      {
        label: '尚未激活账号的学生',
        count: total - activated,
        href: '/school/graduates?f_gap=not_activated',
      },
    ].filter((t) => t.count > 0)
    todos.push(...(await this.#moduleTodos('school', this.user.schoolId)))
    return {
      stats,
      todos,
      recent: await this.#recent(this.user.college ? null : this.user.schoolId),
    }
  }

  async province() {
    const schools = await count(db.from('schools'))
    const pending = await count(db.from('employers').where('status', 'pending'))
    const verified = await count(db.from('employers').where('status', 'verified'))
    const graduates = await count(db.from('graduates'))
    const available = [...(await moduleSwitches.states(null)).values()].filter(
      (s) => s.available
    ).length
    const stats = [
      { label: '学校（分站）', value: schools, href: '/province/schools' },
      { label: '已认证用人单位', value: verified, href: '/province/employers?f_status=verified' },
      { label: '全省生源总数', value: graduates, href: '/province/schools' },
      {
        label: '全省开放功能',
        value: `${available}/${moduleRegistry.all().length}`,
        href: '/province/modules',
      },
    ]
    const todos: Todo[] = [
      { label: '待审核的用人单位', count: pending, href: '/province/employers?f_status=pending' },
    ].filter((t) => t.count > 0)
    todos.push(...(await this.#moduleTodos('province', null)))
    return { stats, todos, recent: await this.#recent(undefined) }
  }

  /** Latest audit entries: of one school, of everything (province: undefined), or none (null). */
  async #recent(schoolId: number | null | undefined) {
    if (schoolId === null) return []
    const query = db
      .from('audit_logs')
      .leftJoin('users', 'users.id', 'audit_logs.actor_id')
      .select('audit_logs.*', 'users.name as actor_name')
      .orderBy('audit_logs.id', 'desc')
      .limit(8)
    if (schoolId !== undefined) query.where('audit_logs.school_id', schoolId)
    const rows = await query
    // Described in Chinese by the audit label registry (action, subject with title, Shanghai time).
    const described = await audit.describeRows(rows)
    return described.map((d, i) => ({ ...d, actorName: rows[i].actor_name ?? '系统' }))
  }
}
