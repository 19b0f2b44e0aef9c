import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import ExcelJS from 'exceljs'
import type { ApiClient } from '@japa/api-client'
import { world } from '#tests/helpers/world'
import { as } from '#tests/helpers/requests'
import type School from '#core/tenancy/models/school'
import Graduate from '#core/registry/models/graduate'
import type User from '#core/accounts/models/user'

const HEADER = '学号,姓名,性别,身份证号,学院,专业,学历,届别,手机号,电子邮箱'

function csv(...lines: string[]) {
  return Buffer.from([HEADER, ...lines].join('\r\n') + '\r\n', 'utf8')
}

/** A school (南京示范大学 njsf, 苏州示范学院 szsf) with its school admin (就业指导中心). */
async function schoolWithAdmin(code: 'njsf' | 'szsf') {
  const name = code === 'njsf' ? '南京示范大学' : '苏州示范学院'
  const { school } = await world.school({ code, name })
  return { school, admin: await world.staff(school) }
}

/** 张三 of 计算机学院, with his 身份证号 and mobile on record. */
function zhangsanIn(school: School) {
  return world.graduate(school, {
    studentNumber: '2026000001',
    name: '张三',
    idNumber: '32010220030101123X',
    phone: '13800000001',
    college: '计算机学院',
    major: '软件工程',
  })
}

/** 李四 of 经济管理学院 (会计学), without a mobile. */
function lisiIn(school: School) {
  return world.graduate(school, {
    studentNumber: '2026000002',
    name: '李四',
    gender: '女',
    college: '经济管理学院',
    major: '会计学',
    phone: null,
  })
}

/** Uploads a registry file as the user on the school's subsite (the answer redirects to its preview). */
function upload(client: ApiClient, user: User, file: Buffer, filename = 'x.csv', site = 'njsf') {
  return client
    .post('/school/graduates/import')
    .header('host', `${site}.localhost`)
    .loginAs(user)
    .withCsrfToken()
    .file('file', file, { filename })
    .redirects(0)
}

/** The id of the preview an upload redirected to. */
function previewId(response: { header(name: string): unknown }) {
  return Number(new URL(String(response.header('location')), 'http://x').searchParams.get('id'))
}

/** Opens an import's preview page. */
function preview(client: ApiClient, user: User, id: number, site = 'njsf') {
  return as(client, user, { site }).visit(`/school/graduates/import?id=${id}`)
}

/** 确认导入 of a preview. */
function confirm(client: ApiClient, user: User, id: number | string, site = 'njsf') {
  return as(client, user, { site }).postForm('/school/graduates/import/confirm', { id: String(id) })
}

async function countGraduates(schoolId: number) {
  const row = await db.from('graduates').where('school_id', schoolId).count('* as total').first()
  return Number(row?.total ?? 0)
}

test.group('生源库导入 (CSV / XLSX): preview, per-row errors, all or nothing', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('a file with bad rows imports nothing and names each bad row with its reason', async ({
    client,
    assert,
  }) => {
    const { school: njsf, admin: njsfStaff } = await schoolWithAdmin('njsf')
    const before = await countGraduates(njsf.id)
    const response = await upload(
      client,
      njsfStaff,
      csv(
        '2026000201,周一,男,11010519491231002X,计算机学院,软件工程,本科,2026,13800001111,zhou@example.com',
        ',吴二,女,,计算机学院,软件工程,本科,2026,,',
        '2026000203,郑三,男,110105194912310021,计算机学院,软件工程,本科,2026,,',
        '2026000204,王四,女,,外国语学院,英语,本科,2026,1380000,',
        '2026000201,冯五,男,,计算机学院,软件工程,本科,2026,,'
      ),
      'graduates.csv'
    )
    response.assertStatus(302)
    const id = previewId(response)
    const page = await preview(client, njsfStaff, id)
    page.assertStatus(200)
    page.assertTextIncludes('中有 4 行错误，未导入任何数据')
    const text = page.text()
    assert.match(text, /第 3 行<\/td><td>—<\/td><td>学号为空/)
    assert.match(text, /第 4 行<\/td><td>2026000203<\/td><td>身份证号校验位错误（GB 11643）/)
    assert.match(text, /第 5 行<\/td><td>2026000204<\/td><td>手机号格式错误/)
    assert.match(text, /第 6 行<\/td><td>2026000201<\/td><td>学号与第 2 行重复/)
    assert.notInclude(text, '确认导入')

    const confirmed = await confirm(client, njsfStaff, id)
    confirmed.assertFlashMessage('error', '文件中有 4 行错误，未导入任何数据。请修改后重新上传')
    assert.equal(await countGraduates(njsf.id), before)
    assert.isNull(await Graduate.findBy('student_number', '2026000201'))
  })

  test('a good CSV is previewed, then imported in one go after confirmation', async ({
    client,
    assert,
  }) => {
    const { school: njsf, admin: njsfStaff } = await schoolWithAdmin('njsf')
    const { admin: szsfStaff } = await schoolWithAdmin('szsf')
    const before = await countGraduates(njsf.id)
    const response = await upload(
      client,
      njsfStaff,
      csv(
        '2026000301,周一,男,11010519491231002X,计算机学院,软件工程,本科,2026,13800001111,zhou@example.com',
        '2026000302,吴二,女,,外国语学院,英语,硕士研究生,2026届,,'
      ),
      'graduates.csv'
    )
    const id = previewId(response)
    // Preview writes nothing to the registry.
    assert.equal(await countGraduates(njsf.id), before)
    const page = await preview(client, njsfStaff, id)
    page.assertTextIncludes('确认导入')
    page.assertTextIncludes('周一')

    const confirmed = await confirm(client, njsfStaff, id)
    confirmed.assertFlashMessage('success', '导入完成：新增 2 条，更新 0 条')
    const history = await as(client, njsfStaff, { site: 'njsf' }).visit('/school/graduates/import')
    assert.match(
      history.text(),
      /graduates\.csv<\/td><td>南京示范大学就业指导中心<\/td><td>2<\/td><td>0<\/td>/
    )
    const otherSchool = await as(client, szsfStaff, { site: 'szsf' }).visit(
      '/school/graduates/import'
    )
    assert.notInclude(otherSchool.text(), 'recent-imports')
    assert.equal(await countGraduates(njsf.id), before + 2)
    const wu = await Graduate.findByOrFail('student_number', '2026000302')
    assert.equal(wu.schoolId, njsf.id)
    assert.equal(wu.degreeLevel, '硕士研究生')
    assert.equal(wu.graduationYear, 2026)

    // A second click on the same confirmation imports nothing twice.
    const again = await confirm(client, njsfStaff, id)
    again.assertFlashMessage('error', '该文件已处理过，请勿重复导入')
    assert.equal(await countGraduates(njsf.id), before + 2)
  })

  test('re-importing updates records by student number instead of duplicating them', async ({
    client,
    assert,
  }) => {
    const { school: njsf, admin: njsfStaff } = await schoolWithAdmin('njsf')
    const lisi = await lisiIn(njsf)
    const before = await countGraduates(njsf.id)
    const response = await upload(
      client,
      njsfStaff,
      csv('2026000002,李四,女,,经济管理学院,财务管理,本科,2026,13900000002,lisi@example.com'),
      'again.csv'
    )
    const id = previewId(response)
    const page = await preview(client, njsfStaff, id)
    page.assertTextIncludes('更新')
    const confirmed = await confirm(client, njsfStaff, id)
    confirmed.assertFlashMessage('success', '导入完成：新增 0 条，更新 1 条')
    assert.equal(await countGraduates(njsf.id), before)
    const fresh = await Graduate.findOrFail(lisi.id)
    assert.equal(fresh.major, '财务管理')
    assert.equal(fresh.phone, '13900000002')
    const log = await db
      .from('audit_logs')
      .where('action', 'graduate.import_update')
      .where('subject_id', String(lisi.id))
      .first()
    assert.deepEqual(JSON.parse(log.changes).major, ['会计学', '财务管理'])
  })

  test('a re-import with fewer columns leaves the missing columns as they are', async ({
    client,
    assert,
  }) => {
    const { school: njsf, admin: njsfStaff } = await schoolWithAdmin('njsf')
    const zhangsan = await zhangsanIn(njsf)
    const file = Buffer.from('学号,姓名,专业\r\n2026000001,张三,人工智能\r\n')
    const id = previewId(await upload(client, njsfStaff, file, 'partial.csv'))
    await confirm(client, njsfStaff, id)
    const fresh = await Graduate.findOrFail(zhangsan.id)
    assert.equal(fresh.major, '人工智能')
    assert.equal(fresh.phone, '13800000001')
    assert.equal(fresh.idNumber, '32010220030101123X')
    assert.equal(fresh.college, '计算机学院')
  })

  test('an XLSX file and a GBK-encoded CSV are read the same way', async ({ client, assert }) => {
    const { school: njsf, admin: njsfStaff } = await schoolWithAdmin('njsf')
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('生源')
    sheet.addRow(HEADER.split(','))
    sheet.addRow([
      '2026000401',
      '陈一',
      '男',
      '11010519491231002X',
      '计算机学院',
      '软件工程',
      '本科',
      2026,
      '13800004444',
      '',
    ])
    sheet.addRow(['2026000402', '', '女', '', '计算机学院', '软件工程', '本科', 2026, '', ''])
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
    const response = await upload(client, njsfStaff, buffer, '生源.xlsx')
    const id = previewId(response)
    const page = await preview(client, njsfStaff, id)
    assert.match(page.text(), /第 3 行<\/td><td>2026000402<\/td><td>姓名为空/)

    sheet.getRow(3).getCell(2).value = '林二'
    const fixed = Buffer.from(await workbook.xlsx.writeBuffer())
    const id2 = previewId(await upload(client, njsfStaff, fixed, '生源.xlsx'))
    await confirm(client, njsfStaff, id2)
    assert.equal((await Graduate.findByOrFail('student_number', '2026000402')).name, '林二')
    assert.equal((await Graduate.findByOrFail('student_number', '2026000401')).schoolId, njsf.id)

    // A CSV saved by Chinese Excel is GBK: "学号,姓名" / "2026000601,张" in GBK bytes.
    const gbk = Buffer.from([
      0xd1,
      0xa7,
      0xba,
      0xc5,
      0x2c,
      0xd0,
      0xd5,
      0xc3,
      0xfb,
      0x0d,
      0x0a,
      ...Buffer.from('2026000601,'),
      0xd5,
      0xc5,
      0x0d,
      0x0a,
    ])
    const id3 = previewId(await upload(client, njsfStaff, gbk, 'gbk.csv'))
    await confirm(client, njsfStaff, id3)
    assert.equal((await Graduate.findByOrFail('student_number', '2026000601')).name, '张')
  })

  test('a file that is not what its name says is refused with a clear reason', async ({
    client,
  }) => {
    const { admin: njsfStaff } = await schoolWithAdmin('njsf')
    const response = await upload(client, njsfStaff, Buffer.from('not a zip'), 'x.xlsx')
    response.assertStatus(422)
    assertIncludesAny(response.text(), [
      '文件内容不是 Excel（.xlsx）格式',
      '文件内容不是 CSV 或 Excel（.xlsx）格式',
    ])
    const zipAsCsv = await upload(
      client,
      njsfStaff,
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]),
      'x.csv'
    )
    zipAsCsv.assertStatus(422)
    const noHeader = await upload(client, njsfStaff, Buffer.from('a,b\r\n1,2\r\n'), 'x.csv')
    noHeader.assertStatus(422)
    noHeader.assertTextIncludes('缺少列：学号、姓名')
  })

  test('import never crosses schools: the same 学号 in another school is a separate record; another school’s preview cannot be confirmed', async ({
    client,
    assert,
  }) => {
    const { school: njsf, admin: njsfStaff } = await schoolWithAdmin('njsf')
    const { school: szsf, admin: szsfStaff } = await schoolWithAdmin('szsf')
    const wangwu = await world.graduate(szsf, { studentNumber: '2026100001', name: '王五' })
    const id = previewId(
      await upload(
        client,
        njsfStaff,
        csv('2026100001,另一个王五,男,,计算机学院,软件工程,本科,2026,,'),
        'x.csv'
      )
    )
    // 苏州示范学院 staff cannot see or confirm 南京示范大学's pending import.
    const peek = await preview(client, szsfStaff, id, 'szsf')
    peek.assertStatus(404)
    const foreign = await confirm(client, szsfStaff, id, 'szsf')
    foreign.assertStatus(404)
    assert.equal((await Graduate.findOrFail(wangwu.id)).name, '王五')

    await confirm(client, njsfStaff, id)
    assert.equal((await Graduate.findOrFail(wangwu.id)).name, '王五')
    const own = await Graduate.query()
      .where('school_id', njsf.id)
      .where('student_number', '2026100001')
      .firstOrFail()
    assert.equal(own.name, '另一个王五')
  })

  test('a college-scoped teacher imports only their college: other colleges’ rows are bad rows', async ({
    client,
    assert,
  }) => {
    const { school: njsf } = await schoolWithAdmin('njsf')
    await lisiIn(njsf)
    const teacher = await world.staff(njsf, { college: '计算机学院' })
    const id = previewId(
      await upload(
        client,
        teacher,
        csv(
          '2026000501,甲,男,,计算机学院,软件工程,本科,2026,,',
          '2026000502,乙,女,,外国语学院,英语,本科,2026,,',
          '2026000002,李四,女,,,会计学,本科,2026,,'
        ),
        'x.csv'
      )
    )
    const page = await preview(client, teacher, id)
    assert.match(
      page.text(),
      /第 3 行<\/td><td>2026000502<\/td><td>只能导入本学院（计算机学院）的学生/
    )
    assert.match(
      page.text(),
      /第 4 行<\/td><td>2026000002<\/td><td>该学号已属于其他学院的学生，不能修改/
    )
    assert.isNull(await Graduate.findBy('student_number', '2026000501'))
  })
})

test.group('生源导入预览只属于上传人，确认时按确认人的范围逐行复核', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('another college’s teacher and the school admin get 404 on opening or confirming a teacher’s preview', async ({
    client,
    assert,
  }) => {
    const { school: njsf, admin: njsfStaff } = await schoolWithAdmin('njsf')
    const cs = await world.staff(njsf, { college: '计算机学院' })
    const fl = await world.staff(njsf, { college: '外国语学院' })
    const id = previewId(
      await upload(
        client,
        cs,
        csv('2026000601,甲,男,11010519491231002X,计算机学院,软件工程,本科,2026,13800001111,')
      )
    )
    assert.isAbove(id, 0)
    for (const other of [fl, njsfStaff]) {
      const peek = await preview(client, other, id)
      peek.assertStatus(404)
      assert.notInclude(peek.text(), '甲')
      const confirmed = await confirm(client, other, id)
      confirmed.assertStatus(404)
    }
    assert.isNull(await Graduate.findBy('student_number', '2026000601'))
    const row = await db.from('registry_imports').where('id', id).first()
    assert.equal(row.status, 'previewed')

    // The uploader still opens and confirms it.
    const own = await preview(client, cs, id)
    own.assertStatus(200)
    own.assertTextIncludes('确认导入')
    const done = await confirm(client, cs, id)
    done.assertFlashMessage('success', '导入完成：新增 1 条，更新 0 条')
  })

  test('rows outside the confirming teacher’s college are refused at confirmation, nothing imported', async ({
    client,
    assert,
  }) => {
    const { school: njsf } = await schoolWithAdmin('njsf')
    // Previewed while school-wide, confirmed after the account was narrowed to one college.
    const teacher = await world.staff(njsf)
    const id = previewId(
      await upload(
        client,
        teacher,
        csv(
          '2026000701,甲,男,,计算机学院,软件工程,本科,2026,,',
          '2026000702,乙,女,,外国语学院,英语,本科,2026,,'
        )
      )
    )
    teacher.college = '计算机学院'
    await teacher.save()
    const confirmed = await confirm(client, teacher, id)
    confirmed.assertFlashMessage(
      'error',
      '第 3 行：只能导入本学院（计算机学院）的学生。未导入任何数据'
    )
    assert.isNull(await Graduate.findBy('student_number', '2026000701'))
    assert.isNull(await Graduate.findBy('student_number', '2026000702'))
  })
})

test.group('生源导入写入操作日志的身份证号和手机号已脱敏', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('import_create and import_update audit rows hold no full 身份证号 or mobile', async ({
    client,
    assert,
  }) => {
    const { admin: njsfStaff } = await schoolWithAdmin('njsf')
    for (const line of [
      '2026000801,周一,男,11010519491231002X,计算机学院,软件工程,本科,2026,13800001111,',
      '2026000801,周一,男,320102200505051233,计算机学院,软件工程,本科,2026,13900002222,',
    ]) {
      await confirm(client, njsfStaff, previewId(await upload(client, njsfStaff, csv(line))))
    }
    const graduate = await Graduate.findByOrFail('student_number', '2026000801')
    assert.equal(graduate.idNumber, '320102200505051233', 'the registry keeps the full number')
    const rows = await db.from('audit_logs').where('subject_type', 'graduate')
    assert.lengthOf(rows, 2)
    const text = rows.map((r: any) => String(r.changes)).join('\n')
    assert.notMatch(text, /\d{17}[\dXx]/)
    assert.notMatch(text, /1[3-9]\d{9}/)
    assert.include(text, '1101**********002X')
    assert.include(text, '3201**********1233')
    assert.include(text, '139****2222')
  })
})

function assertIncludesAny(text: string, needles: string[]) {
  if (!needles.some((n) => text.includes(n)))
    throw new Error(`Expected one of ${needles.join(' / ')}`)
}

test.group('生源编辑表单只显示脱敏的身份证号和手机号', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the edit form shows masked values; sending them back keeps the record, a typed new number replaces it', async ({
    client,
    assert,
  }) => {
    const { school: njsf, admin: njsfStaff } = await schoolWithAdmin('njsf')
    const zhangsan = await zhangsanIn(njsf)
    const form = await as(client, njsfStaff, { site: 'njsf' }).visit(
      `/school/graduates/${zhangsan.id}/edit`
    )
    form.assertStatus(200)
    assert.notInclude(form.text(), '32010220030101123X')
    assert.notInclude(form.text(), '13800000001')
    assert.include(form.text(), 'value="3201**********123X"')
    assert.include(form.text(), 'value="138****0001"')

    const fields = {
      name: '张三',
      gender: '男',
      college: '计算机学院',
      major: '软件工程',
      degreeLevel: '本科',
      graduationYear: '2026',
      email: 'zhangsan@example.com',
      signable: 'on',
    }
    const kept = await as(client, njsfStaff, { site: 'njsf' }).postForm(
      `/school/graduates/${zhangsan.id}`,
      { ...fields, idNumber: '3201**********123X', phone: '138****0001', major: '网络工程' }
    )
    kept.assertStatus(302)
    let fresh = await Graduate.findOrFail(zhangsan.id)
    assert.equal(fresh.idNumber, '32010220030101123X')
    assert.equal(fresh.phone, '13800000001')
    assert.equal(fresh.major, '网络工程')

    const changed = await as(client, njsfStaff, { site: 'njsf' }).postForm(
      `/school/graduates/${zhangsan.id}`,
      { ...fields, idNumber: '320102200505051233', phone: '13900000011' }
    )
    changed.assertStatus(302)
    fresh = await Graduate.findOrFail(zhangsan.id)
    assert.equal(fresh.idNumber, '320102200505051233')
    assert.equal(fresh.phone, '13900000011')
    const log = await db
      .from('audit_logs')
      .where('action', 'graduate.update')
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.include(log.changes, '3201**********1233')
    assert.include(log.changes, '139****0011')
    assert.notInclude(log.changes, '320102200505051233')
    assert.notInclude(log.changes, '32010220030101123X')
  })
})
