import { test } from '@japa/runner'
import { detectKind } from '#core/files/file_kinds'
import files from '#core/files/file_service'
import { IMPORT_SHEET_PURPOSE } from '#core/files/core_purposes'

test.group('文件类型按内容识别：导入用的 CSV', () => {
  test('a .csv of text is a CSV; the same bytes under another name are nothing', ({ assert }) => {
    const text = Buffer.from('学号,姓名\n2026001,张三\n', 'utf8')
    assert.equal(detectKind(text, '.csv'), 'csv')
    assert.isNull(detectKind(text, '.pdf'))
  })

  test('a binary file named .csv is not a CSV (a NUL byte, or another kind’s signature)', ({
    assert,
  }) => {
    assert.isNull(detectKind(Buffer.from([0x41, 0x00, 0x42]), '.csv'))
    assert.equal(detectKind(Buffer.from('%PDF-1.7\n', 'latin1'), '.csv'), 'pdf')
    assert.isNull(detectKind(Buffer.alloc(0), '.csv'))
  })

  test('the import sheet purpose takes CSV and Excel, and nothing else', ({ assert }) => {
    const sheet = files.purpose(IMPORT_SHEET_PURPOSE)
    assert.deepEqual(sheet.kinds, ['csv', 'xlsx'])
    assert.equal(files.sniff(Buffer.from('a,b\n'), IMPORT_SHEET_PURPOSE, 'x.csv'), 'csv')
    assert.isNull(files.sniff(Buffer.from('%PDF-1.7\n', 'latin1'), IMPORT_SHEET_PURPOSE, 'x.pdf'))
  })
})
