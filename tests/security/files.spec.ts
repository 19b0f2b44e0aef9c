import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { world } from '#tests/helpers/world'
import files, { FileRejectedError } from '#core/files/file_service'
import { contentDisposition, safeFileName } from '#core/files/file_names'
import { isOoxml, zipEntryNamesOf } from '#core/files/zip_entries'
import { nowDb } from '#core/database/time'
import { fakeDocx, realDocx, realXlsx } from '#tests/security/zip_fixture'

let counter = 0
/** An upload as the body parser hands it over (a temp file, the client's name). */
async function upload(content: Buffer, clientName: string) {
  const tmpPath = join(tmpdir(), `upload-${process.pid}-${++counter}`)
  await writeFile(tmpPath, content)
  const ext = clientName.includes('.') ? clientName.split('.').pop()! : ''
  return {
    tmpPath,
    size: content.length,
    clientName,
    extname: ext,
    state: 'consumed',
    errors: [],
    async move(location: string, options: { name: string }) {
      await rename(tmpPath, join(location, options.name))
      this.state = 'moved'
    },
  } as any
}

const WORD = { kinds: ['docx' as const], maxBytes: 5 * 1024 * 1024, label: '附件' }
const EXCEL = { kinds: ['xlsx' as const], maxBytes: 5 * 1024 * 1024, label: '导入文件' }

test.group('上传文件按真实内容识别 Office 文档', () => {
  test('只有 word/ 文件夹的 zip 不能当作 .docx 上传', async ({ assert }) => {
    await assert.rejects(
      async () => files.check(await upload(fakeDocx(), '简历.docx'), WORD),
      '附件不是有效的 Word 文件（文件内容不是 .docx 文档）'
    )
    assert.equal(await files.check(await upload(realDocx(), '简历.docx'), WORD), 'docx')
  })

  test('.xlsx 须含 [Content_Types].xml 与 xl/workbook.xml；Word 包改名为 .xlsx 不通过', async ({
    assert,
  }) => {
    assert.equal(await files.check(await upload(realXlsx(), '名单.xlsx'), EXCEL), 'xlsx')
    for (const content of [realDocx(), fakeDocx()]) {
      await assert.rejects(
        async () => files.check(await upload(content, '名单.xlsx'), EXCEL),
        '导入文件不是有效的 Excel 文件（文件内容不是 .xlsx 文档）'
      )
    }
  })

  test('残缺的 zip（只有文件头）不是 Office 文档', async ({ assert }) => {
    const truncated = realDocx().subarray(0, 60)
    assert.isNull(zipEntryNamesOf(truncated))
    assert.isFalse(isOoxml(zipEntryNamesOf(truncated), 'docx'))
    const error = await files
      .check(await upload(truncated, 'a.docx'), WORD)
      .catch((e) => e as Error)
    assert.instanceOf(error, FileRejectedError)
  })
})

test.group('下载文件名不含方向控制符、控制字符和路径', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('保存时清理文件名：RTL 覆盖、控制字符、../ 与路径分隔符', ({ assert }) => {
    assert.equal(safeFileName('发票\u202Efdp.exe', ['pdf']), '发票fdp.exe.pdf')
    assert.equal(safeFileName('../../etc/passwd', ['pdf']), 'passwd.pdf')
    assert.equal(safeFileName('..\\..\\boot.ini', ['pdf']), 'boot.ini.pdf')
    assert.equal(safeFileName('a\u0000b\r\n\u200Fc\u2066.pdf', ['pdf']), 'abc.pdf')
    assert.equal(safeFileName('..', ['pdf']), 'file.pdf')
    assert.equal(safeFileName('', ['png']), 'file.png')
    assert.equal(safeFileName('解约函.PDF', ['pdf']), '解约函.PDF')
    assert.isAtMost([...safeFileName('长'.repeat(400) + '.pdf', ['pdf'])].length, 120)
    assert.match(safeFileName('长'.repeat(400) + '.pdf', ['pdf']), /\.pdf$/)
  })

  test('Content-Disposition 用 RFC 5987 filename* 给出清理后的中文名，filename 只有 ASCII', ({
    assert,
  }) => {
    const header = contentDisposition('../解约函\u202Eexe.pdf', 'attachment', ['pdf'])
    assert.equal(
      header,
      `attachment; filename="___exe.pdf"; filename*=UTF-8''${encodeURIComponent('解约函exe.pdf')}`
    )
    assert.notInclude(header, '%E2%80%AE')
    assert.notMatch(header, /\r|\n/)
  })

  test('经 /files/:id 下载时文件名已清理（新存的与旧数据都如此）', async ({ client, assert }) => {
    const { user: employerUser } = await world.employer()
    const admin = await world.provinceAdmin()
    const stored = await files.store(
      await upload(Buffer.from('%PDF-1.4\n%%EOF\n'), '..\\..\\营业执照\u202Efdp.exe\r\n'),
      'employer_licence',
      { ownerId: employerUser.id }
    )
    assert.equal(stored.originalName, '营业执照fdp.exe.pdf')
    const fresh = await client.get(`/files/${stored.id}`).loginAs(admin)
    fresh.assertStatus(200)
    assert.equal(
      fresh.header('content-disposition'),
      `inline; filename="____fdp.exe.pdf"; filename*=UTF-8''${encodeURIComponent('营业执照fdp.exe.pdf')}`
    )

    // A row stored before names were cleaned: cleaned on the way out.
    await db
      .from('files')
      .where('id', stored.id)
      .update({ original_name: '../../a\u202Egpj.pdf', created_at: nowDb() })
    const legacy = await client.get(`/files/${stored.id}`).loginAs(admin)
    legacy.assertStatus(200)
    const header = legacy.header('content-disposition') ?? ''
    assert.include(header, "filename*=UTF-8''agpj.pdf")
    assert.notInclude(header, '..')
    assert.notInclude(header, '%E2%80%AE')
  })
})
