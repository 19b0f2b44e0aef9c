import { test } from '@japa/runner'
import ts from 'typescript'
import { at, filesUnder, moduleIds, read } from './source_scan.js'

/**
 * A module's HTTP edge is the core's (ARCHITECTURE "Module contract"): it refuses with the core
 * `Refusal` / `FieldErrors` (which answer by themselves), renders no error page of its own, and
 * touches uploaded or stored files only through `#core/files` (purposes declared in the manifest).
 * Module tests, seed/demo data and the one-off migration of legacy files are not the edge.
 */
const EXEMPT =
  /(^|\/)(tests|bench)\/|(^|\/)database\/(migrations|seeders|demo|legacy|factories)(\/|\.ts$)/

function code(id: string) {
  return filesUnder(`modules/${id}`, '.ts', (p) => EXEMPT.test(p))
}

/** Exception classes of the module's own: a refusal is the core's, not a module subclass. */
export function ownRefusalClasses(path: string, source: string) {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const visit = (node: ts.Node) => {
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      for (const clause of node.heritageClauses ?? []) {
        for (const type of clause.types) {
          const base = type.expression.getText(file)
          if (/^(Refusal|FieldErrors|Exception)$/.test(base))
            found.push(
              `${at(path, source, node.getStart(file))} ${node.name?.text ?? '(class)'} extends ${base}`
            )
        }
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

/** What writes, moves or reads files behind `#core/files`' back. */
const FILE_ACCESS = [
  /from 'node:fs(\/promises)?'|from 'fs(\/promises)?'/g,
  /\.(move|moveToDisk)\(/g,
  /\.tmpPath\b/g,
  /makePath\(\s*'storage'/g,
]

test.group('Contract: module edges', () => {
  test('{$self} refuses only with the core Refusal (no exception class of its own)')
    .with(moduleIds())
    .run(({ assert }, id) => {
      const found = code(id).flatMap((path) => ownRefusalClasses(path, read(path)))
      assert.deepEqual(found, [], `module exception classes:\n${found.join('\n')}`)
    })

  test('{$self} renders no error page of its own (the Refusal and the exception handler do)')
    .with(moduleIds())
    .run(({ assert }, id) => {
      const found = code(id).flatMap((path) => {
        const source = read(path)
        return [...source.matchAll(/['"`]pages\/errors\//g)].map((m) => at(path, source, m.index!))
      })
      assert.deepEqual(found, [], `error pages rendered by module code:\n${found.join('\n')}`)
    })

  test('{$self} touches files only through #core/files')
    .with(moduleIds())
    .run(({ assert }, id) => {
      const found = code(id).flatMap((path) => {
        const source = read(path)
        return FILE_ACCESS.flatMap((re) =>
          [...source.matchAll(re)].map((m) => `${at(path, source, m.index!)} ${m[0]}`)
        )
      })
      assert.deepEqual(found, [], `file access outside #core/files:\n${found.join('\n')}`)
    })

  test('the scans find what they look for', ({ assert }) => {
    const sample = [
      "import { Refusal } from '#core/http/refusal'",
      'export class SeatRefusal extends Refusal {}',
      'class Internal extends Error {}',
      'const x = class extends FieldErrors {}',
    ].join('\n')
    const found = ownRefusalClasses('sample.ts', sample)
    assert.lengthOf(found, 2)
    assert.match(found[0], /SeatRefusal extends Refusal/)
    assert.match(found[1], /extends FieldErrors/)
    const io = "import { readFile } from 'node:fs/promises'\nawait readFile(upload.tmpPath)"
    assert.lengthOf(
      FILE_ACCESS.flatMap((re) => [...io.matchAll(re)]),
      2
    )
  })
})
