import { test } from '@japa/runner'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import { DateTime } from 'luxon'
import { world } from '#tests/helpers/world'
import { as } from '#tests/helpers/requests'
import { acceptForm, invite } from '#modules/procedures/tests/helpers'
import { ensureDestinationCodes } from '#modules/procedures/services/destination_codes'
import signingService from '#modules/procedures/services/signing_service'
import SourceRecord from '#modules/procedures/models/source_record'
import organiserService from '#modules/events/services/organiser_service'
import Graduate from '#core/registry/models/graduate'
import auditLabels from '#core/audit/labels'
import { maskIdNumber, maskPhone } from '#core/privacy/mask'

/**
 * 操作日志、最近操作、操作记录只说中文: every action, subject, field and value written to the audit
 * log is shown with a Chinese label and Asia/Shanghai time — never a raw code.
 */

/** The visible text of a page (tags, scripts and attributes dropped). */
function textOf(html: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/g, ' ')
}

/** Raw codes that must not reach a reader: identifiers, `#null`, ISO `T…Z` times. */
function leaks(text: string) {
  const out: string[] = []
  // E-mail addresses are data, not codes.
  text = text.replace(/[\w.+-]+@[\w.-]+/g, ' ')
  const patterns: [string, RegExp][] = [
    ['snake_case', /\b[a-z]+(?:_[a-z0-9]+)+\b/g],
    ['camelCase', /\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g],
    ['dotted code', /\b[a-z_]+\.[a-z_]+(?:\.[a-zA-Z_]+)*\b/g],
    ['#null', /#null|#undefined/g],
    ['ISO time', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[^\s]*/g],
    ['true/false', /\b(?:true|false)\b/g],
  ]
  for (const [name, re] of patterns)
    for (const m of text.match(re) ?? [])
      // E-mail addresses and host names are data, not codes.
      if (!/@|localhost|example\.com/.test(m)) out.push(`${name}: ${m}`)
  return [...new Set(out)]
}

/** The 操作记录 card of an admin detail page / review page. */
function historyCard(html: string) {
  const at = html.indexOf('操作记录')
  return at < 0 ? '' : html.slice(at, at + 20_000)
}

/**
 * 南京示范大学 with its school admin, a verified employer, and two activated students: 张三
 * (signable, 生源信息 approved) and 李四 (经济管理学院, not signable, 生源信息 not yet submitted).
 */
async function njsfWorld() {
  await ensureDestinationCodes()
  const { school: njsf } = await world.school({ code: 'njsf', name: '南京示范大学' })
  const zhang = await world.student(njsf, {
    studentNumber: '2026000001',
    name: '张三',
    signable: true,
  })
  await SourceRecord.create({
    ...SOURCE,
    graduateId: zhang.graduate.id,
    schoolId: njsf.id,
    originPlace: '江苏省南京市',
    hukouPlace: '江苏省南京市玄武区',
    homeAddress: '南京市玄武区示范街 8 号',
    status: 'approved',
    submittedAt: DateTime.now().minus({ days: 3 }),
    reviewedAt: DateTime.now().minus({ days: 2 }),
  })
  const li = await world.student(njsf, {
    studentNumber: '2026000002',
    name: '李四',
    gender: '女',
    college: '经济管理学院',
    major: '会计学',
  })
  await SourceRecord.create({
    ...SOURCE,
    graduateId: li.graduate.id,
    schoolId: njsf.id,
    originPlace: '江苏省扬州市',
    status: 'draft',
  })
  const { user: employerUser } = await world.employer({ name: '示范科技有限公司' })
  const njsfStaff = await world.staff(njsf)
  return { njsf, njsfStaff, studentZhang: zhang.user, studentLi: li.user, employerUser }
}

/** The 生源信息 fields every record of the test has. */
const SOURCE = {
  ethnicity: '汉族',
  politicalStatus: '共青团员',
  schoolingLength: '4',
  trainingMode: '非定向',
  graduationDate: '2026-06-30',
  hukouType: '城镇',
  familyDifficulty: '非困难生',
}

/** The real actions of the issue: invite and accept, approve a source record, mark signable, edit a graduate, change an event. */
async function performActions(client: any) {
  const w = await njsfWorld()
  const invitation = await invite(w.employerUser, w.njsf.id)
  await signingService.accept(w.studentZhang, invitation.id, acceptForm)

  await as(client, w.studentLi, { site: 'njsf' }).postForm('/student/procedures/source', {
    intent: 'submit',
    ethnicity: '汉族',
    politicalStatus: '群众',
    originPlace: '江苏省扬州市',
    phone: '13900000002',
  })
  const record = await SourceRecord.findByOrFail('graduate_id', w.studentLi.graduateId)
  const staff = as(client, w.njsfStaff, { site: 'njsf' })
  await staff.postForm(`/school/procedures/reviews/source/${record.id}`, { decision: 'approve' })

  const lisi = await Graduate.findOrFail(w.studentLi.graduateId)
  await staff.postForm(`/school/graduates/${lisi.id}/actions/unmark-signable`)
  await staff.postForm(`/school/graduates/${lisi.id}/actions/mark-signable`)
  await lisi.refresh()
  const edited = await staff.postForm(`/school/graduates/${lisi.id}`, {
    name: lisi.name,
    gender: lisi.gender,
    college: lisi.college,
    major: '软件工程（卓越班）',
    degreeLevel: lisi.degreeLevel,
    graduationYear: String(lisi.graduationYear),
    // The form shows personal numbers masked; sent back unchanged they stay as stored.
    idNumber: maskIdNumber(lisi.idNumber),
    phone: maskPhone(lisi.phone),
    email: 'lisi.new@example.com',
    signable: '1',
  })

  const start = DateTime.now()
    .setZone('Asia/Shanghai')
    .plus({ days: 20 })
    .set({ hour: 9, minute: 0 })
  const eventInput = {
    title: '春季双选会',
    mode: 'offline' as const,
    city: '南京市',
    place: '体育馆',
    starts_at: start.toFormat("yyyy-MM-dd'T'HH:mm"),
    ends_at: start.plus({ hours: 3 }).toFormat("yyyy-MM-dd'T'HH:mm"),
    registration_starts_at: DateTime.now().setZone('Asia/Shanghai').toFormat("yyyy-MM-dd'T'HH:mm"),
    registration_ends_at: start.minus({ days: 1 }).toFormat("yyyy-MM-dd'T'HH:mm"),
    capacity: 100,
  }
  const event = await organiserService.create(w.njsfStaff, 'fair', eventInput)
  await organiserService.update(w.njsfStaff, event, { ...eventInput, capacity: 120 })
  return { w, invitation, record, lisi, event, edited }
}

test.group('操作日志只说中文：操作、对象、字段、值都有中文名，时间为北京时间', (group) => {
  group.each.setup(() => testUtils.db().truncate())
  group.each.timeout(120_000)

  test('操作日志页、CSV、工作台最近操作和操作记录不出现代码、#null 和 UTC 时间', async ({
    client,
    assert,
  }) => {
    const { w, invitation, lisi, edited } = await performActions(client)
    assert.oneOf(edited.status(), [302, 303], edited.text().slice(0, 300))

    const staff = as(client, w.njsfStaff, { site: 'njsf' })
    const home = await staff.visit('/school')
    const recent = textOf(home.text().slice(home.text().indexOf('最近操作')))
    assert.include(recent, '修改招聘活动')
    assert.match(recent, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
    assert.deepEqual(leaks(recent), [], '最近操作 on /school')

    const detail = await staff.visit(`/school/graduates/${lisi.id}`)
    detail.assertStatus(200)
    const history = textOf(historyCard(detail.text()))
    for (const label of ['生源信息审核通过', '标记可签约', '修改生源', '专业：', '可签约：否 → 是'])
      assert.match(history, new RegExp(label.replace(/[()（）]/g, '.')), label)
    assert.deepEqual(leaks(history), [], '操作记录 on the graduate page')

    const source = await SourceRecord.findByOrFail('graduate_id', lisi.id)
    const review = await staff.visit(`/school/procedures/reviews/source/${source.id}`)
    review.assertStatus(200)
    const reviewHistory = textOf(historyCard(review.text()))
    assert.include(reviewHistory, '生源信息审核通过')
    assert.include(reviewHistory, '状态：待审核 → 已通过')
    assert.deepEqual(leaks(reviewHistory), [], '操作记录 on the review page')

    const logPage = await staff.visit('/school/audit-logs')
    logPage.assertStatus(200)
    const logText = textOf(logPage.text())
    for (const label of [
      '发送签约邀请',
      `签约邀请 #${invitation.id} 张三`,
      '生源信息审核通过',
      '可签约',
      '修改生源',
      '修改招聘活动',
      '人数上限',
      '签约截止时间',
    ])
      assert.include(logText, label)
    assert.match(logText, /状态：空 → 待应答|状态：未提交 → 待审核|状态：待审核 → 已通过/)
    assert.include(logText, '可签约：否 → 是')
    assert.deepEqual(leaks(logText), [], 'audit log page')

    // The deadline is shown in Shanghai time, as the employer entered it.
    const fresh = await (
      await import('#modules/procedures/models/signing_invitation')
    ).default.findOrFail(invitation.id)
    assert.include(
      logText,
      `签约截止时间：空 → ${fresh.deadlineAt.setZone('Asia/Shanghai').toFormat('yyyy-MM-dd HH:mm')}`
    )

    const csv = await staff.visit('/school/audit-logs/export.csv')
    csv.assertStatus(200)
    assert.include(csv.text(), '发送签约邀请')
    assert.deepEqual(leaks(csv.text()), [], 'audit log CSV')

    // The export itself is logged: it reads 导出操作日志 · 操作日志, not `audit_log #null`.
    const again = textOf((await staff.visit('/school/audit-logs')).text())
    assert.include(again, '导出操作日志')
    assert.deepEqual(leaks(again), [], 'audit log page after export')
  })

  test('每个写入操作日志的操作、对象和字段都有中文名', async ({ client, assert }) => {
    await performActions(client)
    // Written during this run (and any earlier test of this process).
    assert.deepEqual(await auditLabels.unlabelledWritten(), [], 'names written without a label')

    // Static: every action literal handed to the audit service in app/ and modules/.
    await auditLabels.load()
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) {
          if (!['tests', 'node_modules'].includes(name)) walk(path)
        } else if (path.endsWith('.ts')) files.push(path)
      }
    }
    walk(app.makePath('app'))
    walk(app.makePath('modules'))
    const unlabelled: string[] = []
    let seen = 0
    for (const file of files) {
      const source = readFileSync(file, 'utf8')
      // The service's own doc comment shows an example action, not one it writes.
      if (!source.includes('audit.record') || file.endsWith('audit_service.ts')) continue
      // The `action:` key, not a word ending in it ("transaction: `supersede`" in a comment).
      for (const m of source.matchAll(/\baction:\s*(?:'([^']+)'|`([^`]+)`)/g)) {
        seen++
        const literal = m[1]
        if (literal) {
          if (!auditLabels.hasAction(literal)) unlabelled.push(`${file}: ${literal}`)
          continue
        }
        // `procedures.plan.${decision}`: some label must exist under the fixed prefix.
        const prefix = m[2].split('${')[0]
        if (!auditLabels.hasActionPrefix(prefix)) unlabelled.push(`${file}: ${m[2]}`)
      }
      for (const m of source.matchAll(/subject:\s*\{\s*type:\s*'([^']+)'/g))
        if (!auditLabels.hasSubject(m[1])) unlabelled.push(`${file}: subject ${m[1]}`)
    }
    assert.isAbove(seen, 30)
    assert.deepEqual(unlabelled, [])
  })
})
