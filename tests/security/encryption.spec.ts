import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { world } from '#tests/helpers/world'
import { sourceRecord } from '#tests/helpers/cast'
import { as } from '#tests/helpers/requests'
import Graduate from '#core/registry/models/graduate'
import { isSealed, seal, unseal } from '#core/privacy/sealed'
import ChangeRequest from '#modules/procedures/models/change_request'

const ID_A = '320102200201010010'
const ID_B = '320102200305050025'
const NJSF = 'njsf.localhost'

async function storedIdNumber(graduateId: number) {
  const row = await db.from('graduates').where('id', graduateId).select('id_number').first()
  return row?.id_number as string | null
}

test.group('身份证号 encrypted at rest', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('a graduate saved through the model stores only ciphertext; the model reads the number', async ({
    assert,
  }) => {
    const { school } = await world.school()
    const graduate = await world.graduate(school, { idNumber: ID_A })
    const stored = await storedIdNumber(graduate.id)
    assert.isTrue(isSealed(stored))
    assert.notInclude(stored!, ID_A)
    assert.notInclude(stored!, ID_A.slice(6, 14), 'not even the birth date')
    assert.equal((await Graduate.findOrFail(graduate.id)).idNumber, ID_A)
    // Two seals of one number differ (random IV): equal numbers cannot be spotted in a dump.
    assert.notEqual(seal(ID_A), seal(ID_A))
  })

  test('a registry import seals the numbers in the preview and in the graduates it creates', async ({
    client,
    assert,
  }) => {
    const { school } = await world.school({ code: 'njsf' })
    const njsfStaff = await world.staff(school)
    const file = Buffer.from(
      [
        '学号,姓名,性别,身份证号,学院,专业,学历,届别,手机号,电子邮箱',
        `2026009201,导入同学,男,${ID_B},计算机学院,软件工程,本科,2026,13900009201,a@example.com`,
      ].join('\r\n') + '\r\n'
    )
    const upload = await client
      .post('/school/graduates/import')
      .header('host', NJSF)
      .loginAs(njsfStaff)
      .withCsrfToken()
      .file('file', file, { filename: 'students.csv' })
      .redirects(0)
    const id = Number(new URL(String(upload.header('location')), 'http://x').searchParams.get('id'))
    const preview = await db.from('registry_imports').where('id', id).first()
    assert.notInclude(String(preview.rows), ID_B)
    await client
      .post('/school/graduates/import/confirm')
      .header('host', NJSF)
      .loginAs(njsfStaff)
      .withCsrfToken()
      .form({ id: String(id) })
      .redirects(0)
    const graduate = await Graduate.findByOrFail('student_number', '2026009201')
    assert.equal(graduate.idNumber, ID_B)
    const stored = await storedIdNumber(graduate.id)
    assert.isTrue(isSealed(stored))
    assert.notInclude(stored!, ID_B)
  })

  test('a 身份证号 change request is stored sealed and applies the number on approval', async ({
    client,
    assert,
  }) => {
    const { school } = await world.school({ code: 'njsf' })
    const { graduate, user: zhang } = await world.student(school, { signable: true })
    await sourceRecord(graduate) // approved: changes go through a change request
    const staff = await world.staff(school)
    const atNjsf = (user: typeof staff) => as(client, user, { site: 'njsf' })
    await atNjsf(zhang).postForm('/student/procedures/source/change', {
      new_idNumber: ID_B,
      reason: '身份证号录入错误',
    })
    const raw = await db.from('source_change_requests').where('graduate_id', graduate.id).first()
    assert.notInclude(JSON.stringify(raw.changes), ID_B)
    const request = await ChangeRequest.findOrFail(raw.id)
    assert.equal(request.changes.idNumber[1], ID_B)
    const review = await atNjsf(staff).visit(`/school/procedures/reviews/changes/${request.id}`)
    review.assertTextIncludes('3201**********0025')
    assert.notInclude(review.text(), 'enc1:')
    await atNjsf(staff).postForm(`/school/procedures/reviews/changes/${request.id}`, {
      decision: 'approve',
    })
    assert.equal((await Graduate.findOrFail(graduate.id)).idNumber, ID_B)
    assert.isTrue(isSealed(await storedIdNumber(graduate.id)))
  })

  test('legacy plaintext is read as it is; a sealed value never reads as another', async ({
    assert,
  }) => {
    assert.equal(unseal(ID_A), ID_A)
    assert.equal(unseal(seal(ID_A)), ID_A)
    assert.isNull(seal(''))
    assert.throws(() => unseal('enc1:not-a-valid-ciphertext'))
  })
})
