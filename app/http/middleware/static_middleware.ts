import { readdirSync } from 'node:fs'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import PackageStaticMiddleware from '@adonisjs/static/static_middleware'
import { defineConfig } from '@adonisjs/static'
import { VENDOR_FILES } from '#core/http/vendor_files'

/**
 * @adonisjs/static, asked only for paths under public/'s own top-level entries (css/, js/,
 * favicon.ico, …): a page request never stats the disk. The list is read once at boot — public/
 * is part of the build.
 */
const publicPath = app.publicPath()
let entries: Set<string>
try {
  entries = new Set(readdirSync(publicPath))
} catch {
  entries = new Set()
}
const served = new PackageStaticMiddleware(publicPath, app.config.get('static', defineConfig({})))

/** `/css/app.css` → `css`; `/favicon.ico` → `favicon.ico`. */
export function firstSegment(url: string) {
  const end = url.indexOf('/', 1)
  const q = url.indexOf('?')
  const stop = end === -1 ? (q === -1 ? url.length : q) : q === -1 ? end : Math.min(end, q)
  return decodeURIComponent(url.slice(1, stop))
}

export default class StaticMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const method = ctx.request.method()
    // /vendor/<file>: the front-end libraries, without the page middleware (session, site, …).
    const url = ctx.request.url()
    if ((method === 'GET' || method === 'HEAD') && url.startsWith('/vendor/')) {
      const file = VENDOR_FILES[url.slice('/vendor/'.length)]
      if (file) {
        ctx.response.header('Cache-Control', 'public, max-age=86400')
        return ctx.response.download(app.makePath(file))
      }
    }
    if ((method !== 'GET' && method !== 'HEAD') || !entries.has(firstSegment(ctx.request.url()))) {
      return next()
    }
    return served.handle(ctx, next)
  }
}
