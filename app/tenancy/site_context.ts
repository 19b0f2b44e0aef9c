import type Site from '#core/tenancy/models/site'

declare module '@adonisjs/core/http' {
  interface HttpContext {
    /** The main site or the school subsite that answered this request. */
    site: Site
  }
}
