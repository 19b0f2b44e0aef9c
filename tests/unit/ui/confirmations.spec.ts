import { test } from '@japa/runner'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = new URL('../../../', import.meta.url).pathname

/** Every Edge view of the core and the modules. */
function views(dir = ROOT, found: string[] = []) {
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'build', 'tmp', '.git', 'storage'].includes(name)) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) views(path, found)
    else if (name.endsWith('.edge')) found.push(path)
  }
  return found
}

test.group('确认对话框: binding actions ask in the page', () => {
  test('no form control is named or id-ed confirm, submit, action or reset (they shadow the form API)', ({
    assert,
  }) => {
    const offenders: string[] = []
    for (const file of views()) {
      const text = readFileSync(file, 'utf8')
      // A control named "confirm" shadows window.confirm in the form's handlers; "submit" hides form.submit().
      const matches = text.match(/\b(name|id)\s*[=:]\s*["'](confirm|submit|action|reset)["']/g)
      if (matches) offenders.push(`${file.slice(ROOT.length)}: ${matches.join(', ')}`)
    }
    assert.deepEqual(offenders, [])
  })

  test('no view asks through the browser: no inline handlers, no confirm()/alert() calls', ({
    assert,
  }) => {
    const offenders: string[] = []
    for (const file of views()) {
      const text = readFileSync(file, 'utf8')
      if (/\son(submit|click|change)\s*=|\b(window\.)?(confirm|alert)\s*\(/.test(text))
        offenders.push(file.slice(ROOT.length))
    }
    assert.deepEqual(offenders, [])
  })

  test('app.js answers hx-confirm and data-confirm with the in-page dialog, never window.confirm', ({
    assert,
  }) => {
    const js = readFileSync(join(ROOT, 'public/js/app.js'), 'utf8')
    assert.notMatch(js, /window\.confirm\s*\(|[^.\w]confirm\s*\(/)
    assert.include(js, "addEventListener('htmx:confirm'")
    assert.include(js, 'issueRequest(true)')
    const layout = readFileSync(join(ROOT, 'resources/views/components/layout/app.edge'), 'utf8')
    assert.include(layout, '@!confirmDialog()')
  })
})
