import { test } from '@japa/runner'
import { keywordTerms, termGrams } from '#modules/job_seeking/services/job_search'
import files from '#core/files/file_service'
import { ATTACHMENT_PURPOSE } from '#modules/job_seeking/services/resumes'
import { fakeDocx, realDocx } from '#tests/security/zip_fixture'

test.group('Chinese keyword grams (GIN bigram search)', () => {
  test('a two-character term is one bigram; longer terms are all their bigrams; one character is itself', ({
    assert,
  }) => {
    assert.deepEqual(termGrams('会计'), ['会计'])
    assert.deepEqual(termGrams('软件开发'), ['软件', '件开', '开发'])
    assert.deepEqual(termGrams('南'), ['南'])
    assert.deepEqual(termGrams('java'), ['ja', 'av', 'va'])
  })

  test('keywords split on spaces, lower-cased, at most three terms', ({ assert }) => {
    assert.deepEqual(keywordTerms('  Java  南京 会计 销售 '), ['java', '南京', '会计'])
    assert.deepEqual(keywordTerms(''), [])
    assert.deepEqual(keywordTerms(null), [])
  })
})

/** The kind the core's `resume_attachment` purpose accepts for these bytes under this name. */
const sniffAttachment = (bytes: Buffer, name = 'resume') =>
  files.sniff(bytes, ATTACHMENT_PURPOSE, name)

test.group('Resume attachments are recognised by content, not by name', () => {
  test('PDF, Word, JPG and PNG pass; anything else is refused', ({ assert }) => {
    assert.equal(sniffAttachment(Buffer.from('%PDF-1.7 ...'), 'cv.jpg'), 'pdf')
    assert.equal(sniffAttachment(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0])), 'jpg')
    assert.equal(
      sniffAttachment(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])),
      'png'
    )
    assert.equal(sniffAttachment(realDocx(), '简历.docx'), 'docx')
    // A zip that only mentions word/ (or has the folder) is not a Word document.
    assert.isNull(sniffAttachment(fakeDocx(), '简历.docx'))
    assert.isNull(
      sniffAttachment(
        Buffer.concat([
          Buffer.from([0x50, 0x4b, 0x03, 0x04]),
          Buffer.from('....word/document.xml'),
        ]),
        '简历.docx'
      )
    )
    assert.isNull(
      sniffAttachment(
        Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....evil.exe')])
      )
    )
    assert.isNull(sniffAttachment(Buffer.from('MZ\x90\x00 executable'), 'cv.pdf'))
    assert.isNull(sniffAttachment(Buffer.from('<html><script>'), 'cv.pdf'))
  })
})
