import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import app from '@adonisjs/core/services/app'

/** Files under `dir` (relative to the app root) whose names end with `ext`, as app-relative paths. */
export function filesUnder(
  dir: string,
  ext: string,
  skip: (path: string) => boolean = () => false
) {
  const root = app.makePath(dir)
  const found: string[] = []
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name)
      const rel = relative(app.makePath(), full)
      if (name === 'node_modules' || skip(rel)) continue
      if (statSync(full).isDirectory()) walk(full)
      else if (name.endsWith(ext)) found.push(rel)
    }
  }
  try {
    walk(root)
  } catch {
    return []
  }
  return found.sort()
}

export function read(path: string) {
  return readFileSync(app.makePath(path), 'utf8')
}

/** The installed module ids (folders under modules/). */
export function moduleIds() {
  return readdirSync(app.makePath('modules')).filter((name) =>
    statSync(app.makePath('modules', name)).isDirectory()
  )
}

/** `file:line` of an offset. */
export function at(path: string, source: string, offset: number) {
  return `${path}:${source.slice(0, offset).split('\n').length}`
}
