import { test } from '@japa/runner'
import ts from 'typescript'
import { at, filesUnder, moduleIds, read } from './source_scan.js'

/**
 * Rule of the core (ARCHITECTURE "State machines"): a status changes only through a machine's
 * `apply()` — one conditional UPDATE that refuses when the row is no longer in an allowed state.
 * Any other code that writes a status column (an object literal with a `status` key passed to
 * update/insert/merge/…, `row.status = …`, `.update('status', …)`, or SQL that sets or inserts a
 * status) bypasses that guarantee and fails this test. New rows take their state from
 * `machine.initial(state)`. Migrations, seeders and demo data are data, not code paths.
 */
const WRITE_METHODS = new Set([
  'update',
  'insert',
  'merge',
  'fill',
  'create',
  'createMany',
  'updateOrCreate',
  'updateOrCreateMany',
  'firstOrCreate',
  'fetchOrCreateMany',
  'multiInsert',
  'onConflict',
])
const STATUS_KEY = /^(status|[a-z]+_status|[a-z]+Status)$/
const SQL_WRITE = [
  /\bupdate\s+\w+\s+set\b[^;]*?\b(\w+_)?status\s*=/is,
  /\binsert\s+into\s+\w+\s*\([^)]*\b(\w+_)?status\b/is,
  /\bdo\s+update\s+set\b[^;]*?\b(\w+_)?status\s*=/is,
]

function isExempt(path: string) {
  return (
    /(^|\/)machines\//.test(path) ||
    /(^|\/)database\/(migrations|seeders|demo|legacy|factories)(\/|\.ts$)/.test(path) ||
    /(^|\/)tests\//.test(path) ||
    /(^|\/)bench\//.test(path) ||
    path.startsWith('app/state/')
  )
}

function calledMethod(node: ts.Node): string | null {
  if (!ts.isCallExpression(node)) return null
  const callee = node.expression
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text
  if (ts.isIdentifier(callee)) return callee.text
  return null
}

function propertyName(node: ts.ObjectLiteralElementLike): string | null {
  if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
    const name = node.name
    if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text
  }
  return null
}

export function statusWrites(path: string, source = read(path)): string[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const flag = (node: ts.Node, what: string) =>
    found.push(`${at(path, source, node.getStart(file))} ${what}`)

  const objectWritesStatus = (node: ts.Expression): boolean => {
    if (ts.isObjectLiteralExpression(node))
      return node.properties.some((p) => {
        const name = propertyName(p)
        return !!name && STATUS_KEY.test(name)
      })
    if (ts.isArrayLiteralExpression(node))
      return node.elements.some((e) => objectWritesStatus(e as ts.Expression))
    return false
  }

  const visit = (node: ts.Node) => {
    const method = calledMethod(node)
    if (method && WRITE_METHODS.has(method)) {
      const call = node as ts.CallExpression
      if (call.arguments.some((arg) => objectWritesStatus(arg)))
        flag(node, `${method}() writes a status`)
      const [first] = call.arguments
      if (method === 'update' && first && ts.isStringLiteral(first) && STATUS_KEY.test(first.text))
        flag(node, `update('${first.text}', …)`)
    }
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      STATUS_KEY.test(node.left.name.text)
    )
      flag(node, `assigns .${node.left.name.text}`)
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateExpression(node)
    ) {
      const sql = node.getText(file)
      if (SQL_WRITE.some((re) => re.test(sql))) flag(node, 'SQL writes a status')
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

test.group('Contract: every status change goes through a machine', () => {
  const areas = ['app', ...moduleIds().map((id) => `modules/${id}`)]
  test('{$self} writes no status column outside its machines')
    .with(areas)
    .run(({ assert }, area) => {
      const writes = filesUnder(area, '.ts', isExempt).flatMap((path) => statusWrites(path))
      assert.deepEqual(writes, [], `status written outside a machine:\n${writes.join('\n')}`)
    })

  test('the scan finds each kind of direct write', ({ assert }) => {
    // Guard against a scan that cannot fail: one sample of every kind it must find.
    const sample = [
      "await db.from('x').where('id', 1).update({ status: 'done' })",
      "await trx.insertQuery().table('x').insert({ user_id: 1, status: 'pending' })",
      "await Job.create({ title: 't', status: 'published' })",
      "row.status = 'cancelled'",
      "await query.update('status', 'closed')",
      "await db.rawQuery('UPDATE event_registrations SET status = ? WHERE id = ?')",
      'await db.rawQuery(`INSERT INTO t (a, status) VALUES (1, 2)`)',
      "await Employer.query().update({ verification_status: 'approved' })",
    ].join('\n')
    const found = statusWrites('sample.ts', sample)
    assert.lengthOf(found, 8, found.join('\n'))
    assert.lengthOf(
      statusWrites('reads.ts', "await db.from('x').where({ status: 'a' }).select('status')"),
      0
    )
  })
})
