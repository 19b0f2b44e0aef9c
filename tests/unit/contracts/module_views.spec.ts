import { test } from '@japa/runner'
import ts from 'typescript'
import i18nManager from '@adonisjs/i18n/services/main'
import { at, filesUnder, moduleIds, read } from './source_scan.js'

/**
 * Rules of a module's views (ARCHITECTURE "Module contract"): URLs are built with `route()` (a
 * renamed or moved route cannot leave a dead link), and every text comes from the module's lang
 * file through `t()` (the manual's labels live once, in `resources/lang/zh-CN/<id>.json`).
 */
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]/g
const HARD_URL = /\b(href|action|src|hx-(get|post|put|patch|delete))="\/(?!\/)/g
const T_CALL = /\bt\(\s*'([a-z0-9_]+(\.[a-z0-9_]+)+)'/g

/** Edge comments are not rendered; they may explain in any language. */
function withoutComments(source: string) {
  return source.replace(/\{\{--[\s\S]*?--\}\}/g, (m) => m.replace(/[^\n]/g, ' '))
}

function views(id: string) {
  return filesUnder(`modules/${id}/resources/views`, '.edge')
}

test.group('Contract: module views', (group) => {
  group.setup(async () => {
    await i18nManager.loadTranslations()
  })

  test('{$self} views build every URL with route()')
    .with(moduleIds())
    .run(({ assert }, id) => {
      const found = views(id).flatMap((path) => {
        const source = withoutComments(read(path))
        return [...source.matchAll(HARD_URL)].map((m) => `${at(path, source, m.index!)} ${m[0]}`)
      })
      assert.deepEqual(found, [], `hard-coded URLs (use route('name')):\n${found.join('\n')}`)
    })

  test('{$self} views hold no Chinese text (texts come from the lang file via t())')
    .with(moduleIds())
    .run(({ assert }, id) => {
      const found = views(id).flatMap((path) => {
        const source = withoutComments(read(path))
        const lines = source.split('\n')
        return lines.flatMap((line, i) =>
          line.match(CJK) ? [`${path}:${i + 1} ${line.trim()}`] : []
        )
      })
      assert.deepEqual(found, [], `Chinese text in views:\n${found.slice(0, 200).join('\n')}`)
    })

  test('{$self} views use only keys that exist in zh-CN')
    .with(moduleIds())
    .run(({ assert }, id) => {
      const texts = i18nManager.getTranslationsFor('zh-CN')
      const missing = views(id).flatMap((path) => {
        const source = read(path)
        return [...source.matchAll(T_CALL)]
          .filter((m) => !(m[1] in texts))
          .map((m) => `${at(path, source, m.index!)} ${m[1]}`)
      })
      assert.deepEqual(missing, [], `missing lang keys:\n${missing.join('\n')}`)
    })

  test('the scans find what they look for', ({ assert }) => {
    const sample = `<a href="/student/jobs">{{ t('nope.missing_key') }}</a>{{-- 注释 --}}<b>报名</b>`
    assert.lengthOf([...withoutComments(sample).matchAll(HARD_URL)], 1)
    assert.lengthOf(withoutComments(sample).match(CJK) ?? [], 2)
    assert.lengthOf([...sample.matchAll(T_CALL)], 1)
  })
})

/** Chinese string literals (not comments) in a TypeScript file. */
export function chineseLiterals(path: string, source = read(path)): string[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const visit = (node: ts.Node) => {
    if (
      (ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateHead(node) ||
        ts.isTemplateMiddle(node) ||
        ts.isTemplateTail(node)) &&
      new RegExp(CJK.source).test(node.text)
    )
      found.push(`${at(path, source, node.getStart(file))} ${node.getText(file).slice(0, 60)}`)
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

/** Where a literal is a text (not a route name): `text('…')`, `t('…')`, `new XRefusal('…')`, `label: '…'`. */
function isTextPosition(node: ts.StringLiteral) {
  const parent = node.parent
  if (
    (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
    parent.arguments?.[0] === node
  ) {
    const callee = parent.expression
    const name = ts.isIdentifier(callee)
      ? callee.text
      : ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ''
    return /^(t|text|refuse|refusal)$|(Refusal|Error|Errors)$/.test(name)
  }
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) {
    const name = parent.name.getText()
    return /^(refuse|label|message|title|description|hint|placeholder)$/.test(name)
  }
  return false
}

/** Data (demo records, dictionaries, legacy imports) and tests may hold Chinese; code may not. */
const DATA = /(^|\/)(database|data|tests|bench)\//

test.group('Contract: module code', () => {
  test('{$self} code holds no Chinese text (refusals and labels carry lang keys)')
    .with(moduleIds())
    .run(({ assert }, id) => {
      const found = filesUnder(`modules/${id}`, '.ts', (p) => DATA.test(p)).flatMap((path) =>
        chineseLiterals(path)
      )
      assert.deepEqual(found, [], `Chinese literals in code:\n${found.slice(0, 200).join('\n')}`)
    })

  test('{$self} code uses only lang keys that exist in zh-CN')
    .with(moduleIds())
    .run(async ({ assert }, id) => {
      await i18nManager.loadTranslations()
      const texts = i18nManager.getTranslationsFor('zh-CN')
      const key = new RegExp(`^${id}\\.[a-z0-9_]+(\\.[a-z0-9_]+)+$`)
      const missing = filesUnder(`modules/${id}`, '.ts', (p) => DATA.test(p)).flatMap((path) => {
        const source = read(path)
        const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true)
        const found: string[] = []
        const visit = (node: ts.Node) => {
          if (
            ts.isStringLiteral(node) &&
            key.test(node.text) &&
            isTextPosition(node) &&
            !(node.text in texts)
          )
            found.push(`${at(path, source, node.getStart(file))} ${node.text}`)
          ts.forEachChild(node, visit)
        }
        visit(file)
        return found
      })
      assert.deepEqual(missing, [], `missing lang keys:\n${missing.join('\n')}`)
    })

  test('the scan finds literals, not comments', ({ assert }) => {
    const sample = "// 注释\nthrow new Refusal('名额已满')\nconst a = `共${n}`"
    assert.lengthOf(chineseLiterals('sample.ts', sample), 2)
  })
})
