#!/usr/bin/env node
// Deep-merges keys into a lang JSON file and rewrites it sorted-stable (existing order kept, new keys
// appended), atomically (temp file + rename) so several editors never leave a half-written file.
// Usage: node scripts/lang-merge.mjs <lang-file.json> <patch.json | '{"a":{"b":"text"}}'>
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'

const [file, patchArg] = process.argv.slice(2)
if (!file || !patchArg) {
  console.error('usage: node scripts/lang-merge.mjs <lang-file.json> <patch.json | json text>')
  process.exit(1)
}
const patch = JSON.parse(existsSync(patchArg) ? readFileSync(patchArg, 'utf8') : patchArg)
const current = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}
const conflicts = []
function merge(target, source, path) {
  for (const [key, value] of Object.entries(source)) {
    const here = path ? `${path}.${key}` : key
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (typeof target[key] === 'string') conflicts.push(here)
      else merge((target[key] ??= {}), value, here)
    } else if (typeof target[key] === 'object') conflicts.push(here)
    else {
      if (typeof target[key] === 'string' && target[key] !== value)
        console.warn(`changed ${here}: ${target[key]} → ${value}`)
      target[key] = value
    }
  }
}
merge(current, patch, '')
if (conflicts.length) {
  console.error(`key/section conflicts, nothing written: ${conflicts.join(', ')}`)
  process.exit(1)
}
const temp = `${file}.${process.pid}.tmp`
writeFileSync(temp, JSON.stringify(current, null, 2) + '\n')
renameSync(temp, file)
