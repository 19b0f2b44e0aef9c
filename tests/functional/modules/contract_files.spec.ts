import { test } from '@japa/runner'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import files from '#core/files/file_service'
import moduleRegistry from '#core/modules/registry'
import { corePurposes } from '#core/files/core_purposes'

/**
 * Uploads go only through #core/files: nothing outside app/files moves an upload, writes into
 * the storage folder, finds the storage root, or reads a stored file's path to send it.
 */
const FORBIDDEN: [RegExp, string][] = [
  [/\.moveToDisk\(/, 'moveToDisk (use files.store(upload, purpose))'],
  [/\.move\(/, 'MultipartFile.move (use files.store(upload, purpose))'],
  [/makePath\(\s*['"`]storage/, "app.makePath('storage', …) (the storage folder is app/files')"],
  [/STORAGE_PATH/, 'STORAGE_PATH (only the file service knows the storage root)'],
  [/files\.root\(\)|files\.absolutePath\(/, 'a stored file path (use files.send(ctx, file))'],
  [
    /\b(writeFile|copyFile|rename|createWriteStream|appendFile)\w*\([^)]*(storage|root\(\)|absolutePath)/,
    'writing into the storage folder',
  ],
  [
    /(?<!files\.)\bsniff\w*\(|\b0x25,\s*0x50,\s*0x44,\s*0x46/,
    'own type sniffing (declare kinds in filePurposes)',
  ],
]

function sources(dir: string): string[] {
  const root = app.makePath(dir)
  return (
    (readdirSync(root, { recursive: true }) as string[])
      .filter((entry) => entry.endsWith('.ts'))
      .map((entry) => join(dir, entry))
      .filter((path) => !path.startsWith('app/files/'))
      // Tests prepare fixtures on disk themselves.
      .filter((path) => !/(^|\/)tests\//.test(path))
  )
}

test.group('Module contract: uploads only through #core/files', () => {
  test('no upload handling outside app/files (app/ and modules/ scanned)', ({ assert }) => {
    const found: string[] = []
    for (const path of [...sources('app'), ...sources('modules')]) {
      const lines = readFileSync(app.makePath(path), 'utf8').split('\n')
      lines.forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return // comments may name what is forbidden
        for (const [pattern, why] of FORBIDDEN) {
          if (pattern.test(line)) found.push(`${path}:${i + 1}  ${why}\n    ${line.trim()}`)
        }
      })
    }
    assert.deepEqual(found, [], `upload handling outside #core/files:\n${found.join('\n')}`)
  })

  test('the scan catches a module that keeps its own uploads', ({ assert }) => {
    // The shapes the old resume attachments and termination materials had.
    const offending = [
      "await writeFile(app.makePath('storage', 'resumes', key), bytes)",
      "const root = app.makePath('storage', 'procedures', 'materials')",
      'await upload.move(dirname(target), { name })',
      'return ctx.response.download(files.absolutePath(file))',
      'const type = sniffAttachment(bytes)',
    ]
    for (const line of offending) {
      assert.isTrue(
        FORBIDDEN.some(([pattern]) => pattern.test(line)),
        `not caught: ${line}`
      )
    }
  })

  test('every purpose a module stores is declared in its manifest and registered at boot', ({
    assert,
  }) => {
    const declared = moduleRegistry
      .all()
      .flatMap((m) => Object.keys(m.filePurposes ?? {}))
      .concat(Object.keys(corePurposes))
    assert.sameMembers(files.purposeIds(), declared)
    assert.includeMembers(declared, ['resume_attachment', 'termination_material'])
    for (const id of files.purposeIds()) {
      const purpose = files.purpose(id)
      assert.isAbove(purpose.kinds.length, 0, id)
      assert.isAbove(purpose.maxBytes, 0, id)
      assert.isFunction(purpose.references, `${id}: the orphan sweep needs its references`)
    }
  })
})
