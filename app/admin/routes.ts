/*
| Admin areas: /school (school staff), /province (province admins) and /employer (verified
| employers: the employer area, scoped to the logged-in employer).
| Every admin resource — the core's and those modules declare in `adminResources` — is mounted
| here from its definition and served by the one generic ResourceController.
*/
import router from '@adonisjs/core/services/router'
import type { HttpContext, RouteGroup } from '@adonisjs/core/http'
import { middleware } from '#start/kernel'
import { allResources } from '#core/admin/resource_registry'
import { localize, type AdminArea, type ResourceDefinition } from '#core/admin/resource'
import { text } from '#core/i18n/text'

const ModulesController = () => import('#core/admin/controllers/modules_controller')
const ImportController = () => import('#core/registry/controllers/import_controller')

type Method =
  | 'index'
  | 'export'
  | 'show'
  | 'create'
  | 'store'
  | 'edit'
  | 'update'
  | 'destroy'
  | 'action'
  | 'bulk'
  | 'review'

function handler(def: ResourceDefinition, method: Method) {
  return async (ctx: HttpContext) => {
    const { default: ResourceController } =
      await import('#core/admin/controllers/resource_controller')
    return new ResourceController()[method](ctx, localize(def, text))
  }
}

function pageHandler(def: ResourceDefinition, id: string) {
  return async (ctx: HttpContext) => {
    const { default: ResourceController } =
      await import('#core/admin/controllers/resource_controller')
    return new ResourceController().page(ctx, localize(def, text), id)
  }
}

export function mount(def: ResourceDefinition) {
  const base = `/${def.path ?? def.id}`
  const id = router.matchers.number()
  const name = `${def.area}.${def.id}`
  // Without a form there is nothing to create or edit: those URLs stay free (POST …/:id).
  const form = def.form
    ? [
        router.get(`${base}/new`, handler(def, 'create')).as(`${name}.create`),
        router.post(base, handler(def, 'store')).as(`${name}.store`),
        router.get(`${base}/:id/edit`, handler(def, 'edit')).where('id', id).as(`${name}.edit`),
        router.post(`${base}/:id`, handler(def, 'update')).where('id', id).as(`${name}.update`),
      ]
    : []
  const pages = (def.pages ?? []).map((p) =>
    router
      .get(`${base}/:id/${p.id}`, pageHandler(def, p.id))
      .where('id', id)
      .as(`${name}.page.${p.id}`)
  )
  const routes = [
    ...form,
    ...pages,
    router.get(base, handler(def, 'index')).as(`${name}.index`),
    router.get(`${base}/export.csv`, handler(def, 'export')).as(`${name}.export`),
    router.post(`${base}/bulk/:action`, handler(def, 'bulk')).as(`${name}.bulk`),
    router.get(`${base}/:id`, handler(def, 'show')).where('id', id).as(`${name}.show`),
    router
      .post(`${base}/:id/delete`, handler(def, 'destroy'))
      .where('id', id)
      .as(`${name}.destroy`),
    router
      .post(`${base}/:id/actions/:action`, handler(def, 'action'))
      .where('id', id)
      .as(`${name}.action`),
    router.post(`${base}/:id/review`, handler(def, 'review')).where('id', id).as(`${name}.review`),
  ]
  if (def.moduleId) for (const route of routes) route.use(middleware.module({ id: def.moduleId }))
}

const resources = await allResources()

/** An admin area: its own pages, then every resource of the area, under `/<area>` behind `guard`. */
function mountArea(
  area: AdminArea,
  guard: Parameters<RouteGroup['use']>[0],
  pages: () => void = () => {}
) {
  router
    .group(() => {
      pages()
      for (const def of resources.filter((r) => r.area === area)) mount(def)
    })
    .prefix(`/${area}`)
    .use(guard)
}

mountArea('school', middleware.auth({ kinds: ['staff'] }), () => {
  router.get('/modules', [ModulesController, 'school']).as('school.modules')
  router.post('/modules/:module', [ModulesController, 'updateSchool']).as('school.modules.update')
  router.get('/graduates/import', [ImportController, 'show']).as('school.graduates.import')
  router
    .post('/graduates/import', [ImportController, 'preview'])
    .as('school.graduates.import.preview')
  router
    .post('/graduates/import/confirm', [ImportController, 'confirm'])
    .as('school.graduates.import.confirm')
  router
    .get('/graduates/import/template.csv', [ImportController, 'template'])
    .as('school.graduates.import.template')
})

mountArea('province', middleware.auth({ kinds: ['admin'] }), () => {
  router.get('/modules', [ModulesController, 'province']).as('province.modules')
  router
    .post('/modules/:module', [ModulesController, 'updateProvince'])
    .as('province.modules.update')
})

mountArea('employer', [middleware.auth({ kinds: ['employer'] }), middleware.verifiedEmployer()])
