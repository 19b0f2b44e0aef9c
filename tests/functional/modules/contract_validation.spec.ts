import { test } from '@japa/runner'
import { readFile, readdir } from 'node:fs/promises'
import router from '@adonisjs/core/services/router'
import app from '@adonisjs/core/services/app'

/**
 * Inputs a POST action may read without a validator: they are not form fields a person fills.
 * - decision / intent / answer: which button was pressed (the validator reads it again where it
 *   matters; the controller picks the success message from it)
 * - page, status, type, back: paging, and the list or page an action returns to
 * - ids, id, resume_id: rows the form names (each is looked up among the actor's own rows)
 * - year: the statistics year of an export (queryInt bounds it)
 */
const NON_FORM_INPUTS = new Set([
  'decision',
  'intent',
  'answer',
  'page',
  'status',
  'type',
  'back',
  'ids',
  'id',
  'resume_id',
  'year',
])

/**
 * Actions answered in place by a fragment, whose one input is checked by the service:
 * - 获取验证码: the registry's phone wins; a typed one is checked by activation.codePhone with the
 *   shared mobile rule, and the code-status fragment shows the reason
 * - 签到: the ticket code typed or scanned at the desk is looked up; the check-in panel answers
 */
const FRAGMENT_ACTIONS: Record<string, string[]> = {
  'activation_controller#sendCode': ['phone'],
  'check_ins_controller#store': ['code'],
}

/** The file a lazily imported controller lives in (`#modules/x` → modules/x.ts). */
function controllerFile(lazy: unknown) {
  const source = String(lazy)
  const match = source.match(/import\(\s*["'`]([^"'`]+)["'`]\s*\)/)
  if (!match) return null
  const spec = match[1]
  if (spec.startsWith('#modules/')) return app.makePath('modules', spec.slice(9) + '.ts')
  if (spec.startsWith('#core/')) return app.makePath('app', spec.slice(6) + '.ts')
  if (spec.startsWith('#controllers/'))
    return app.makePath('app/controllers', spec.slice(13) + '.ts')
  return null
}

/** A class method's body: from `  [async] name(` to the next member or the class's end. */
function methodBody(source: string, name: string) {
  const lines = source.split('\n')
  const start = lines.findIndex((l) => new RegExp(`^  (async )?${name}\\(`).test(l))
  if (start < 0) return null
  const rest = lines.slice(start + 1)
  const end = rest.findIndex(
    (l) => /^ {2}(async |static |get |#|private )?[\w#]+\s*[(<=:]/.test(l) || l === '}'
  )
  return lines.slice(start, start + 1 + (end < 0 ? rest.length : end)).join('\n')
}

/** What a body reads from the request besides its validator (form fields). */
export function unvalidatedReads(body: string, allowed: string[] = []) {
  if (body.includes('validateUsing(')) return []
  const reads: string[] = []
  for (const m of body.matchAll(/request\.(all|only|body|except)\(/g))
    reads.push(`request.${m[1]}()`)
  for (const m of body.matchAll(/request\.input\(\s*['"`]([\w.[\]]+)['"`]/g))
    if (!NON_FORM_INPUTS.has(m[1]) && !allowed.includes(m[1]))
      reads.push(`request.input('${m[1]}')`)
  return reads
}

function allowedFor(file: string, method: string) {
  const name = file.split('/').pop()!.replace(/\.ts$/, '')
  return FRAGMENT_ACTIONS[`${name}#${method}`] ?? []
}

test.group('Contract: form input arrives only through request.validateUsing', () => {
  test('no POST action reads form fields without a VineJS validator', async ({ assert }) => {
    const offenders: string[] = []
    let checked = 0
    const cache = new Map<string, string>()
    for (const routes of Object.values(router.toJSON())) {
      for (const route of routes) {
        if (!route.methods.includes('POST')) continue
        const handler = route.handler as { reference?: unknown }
        const reference = handler.reference
        if (!Array.isArray(reference) || typeof reference[1] !== 'string') continue
        const file = controllerFile(reference[0])
        if (!file) continue
        if (!cache.has(file)) cache.set(file, await readFile(file, 'utf8').catch(() => ''))
        const body = methodBody(cache.get(file)!, reference[1])
        if (!body) continue
        checked++
        const reads = unvalidatedReads(body, allowedFor(file, reference[1]))
        if (reads.length)
          offenders.push(
            `${route.pattern} → ${file.replace(app.makePath(), '')}#${reference[1]}: ${reads.join(', ')}`
          )
      }
    }
    assert.isAbove(checked, 30, 'the scan found the POST actions')
    assert.deepEqual(offenders, [], 'form fields read without validateUsing')
  })

  test('the scan sees a hand-read form field and accepts a validated one', ({ assert }) => {
    assert.deepEqual(unvalidatedReads(`  async save(ctx) {\n    save(ctx.request.all())\n  }`), [
      'request.all()',
    ])
    assert.deepEqual(
      unvalidatedReads(`  async save(ctx) {\n    ctx.request.input('reason')\n  }`),
      ["request.input('reason')"]
    )
    assert.deepEqual(unvalidatedReads(`  x(ctx) { ctx.request.input('decision') }`), [])
    assert.deepEqual(
      unvalidatedReads(`  x(ctx) { ctx.request.validateUsing(v); ctx.request.all() }`),
      []
    )
  })
})

/** Every .ts file under a folder. */
async function tsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  const out: string[] = []
  for (const e of entries) {
    const path = `${dir}/${e.name}`
    if (e.isDirectory()) {
      if (!['node_modules', 'tests', 'resources', 'database'].includes(e.name))
        out.push(...(await tsFiles(path)))
    } else if (e.name.endsWith('.ts')) out.push(path)
  }
  return out
}

test.group('Contract: validation messages live in the lang files', () => {
  test('no Chinese message in a VineJS message map or rule report in code', async ({ assert }) => {
    const offenders: string[] = []
    const files = [
      ...(await tsFiles(app.makePath('app'))),
      ...(await tsFiles(app.makePath('modules'))),
    ]
    const han = /['"`][^'"`\n]*[\u4e00-\u9fff][^'"`\n]*['"`]/
    for (const file of files) {
      const source = await readFile(file, 'utf8')
      const short = file.replace(app.makePath(), '')
      // A messages provider built from literals, or a map handed to one.
      for (const m of source.matchAll(/new SimpleMessagesProvider\(([\s\S]*?)\n\)/g))
        if (han.test(m[1])) offenders.push(`${short}: SimpleMessagesProvider with Chinese literals`)
      // A rule reporting a Chinese default (the lang file's message must be the one shown).
      for (const m of source.matchAll(/field\.report\(\s*([^,]+),/g))
        if (han.test(m[1])) offenders.push(`${short}: field.report(${m[1].trim()})`)
      // An admin resource's or validator's `messages: { 'field.rule': '中文' }` map.
      for (const m of source.matchAll(/messages\??\s*[:=]\s*\{([^{}]*)\}/g))
        if (/['"]?[\w]+(\.[\w]+)*['"]?\s*:\s*['"`][^'"`]*[\u4e00-\u9fff]/.test(m[1]))
          offenders.push(`${short}: messages map with Chinese literals`)
    }
    assert.deepEqual(offenders, [])
  })
})
