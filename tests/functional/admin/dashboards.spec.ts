import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { world } from '#tests/helpers/world'
import { as } from '#tests/helpers/requests'
import moduleSwitches from '#core/modules/module_switches'
import SourceRecord from '#modules/procedures/models/source_record'
import type Graduate from '#core/registry/models/graduate'

function todoOf(html: string, label: string) {
  for (const m of html.matchAll(
    /<li><a href="([^"]+)">([^<]+)<\/a><span class="tag tag-orange">(\d+)<\/span><\/li>/g
  )) {
    if (m[2].includes(label)) return { href: m[1].replace(/&amp;/g, '&'), count: Number(m[3]) }
  }
  return null
}

test.group('工作台待办：计数、链接与启用的模块', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('省级工作台: 待审核的用人单位 opens the employer list showing exactly those employers', async ({
    client,
    assert,
  }) => {
    const admin = await world.provinceAdmin()
    const { employer: verified } = await world.employer({ name: '示范科技有限公司' })
    await world.employer({ verified: false, name: '待审单位甲' })
    await world.employer({ verified: false, name: '待审单位乙' })
    const home = (await as(client, admin).visit('/province')).text()
    const todo = todoOf(home, '待审核的用人单位')
    assert.equal(todo?.count, 2)
    const list = (await as(client, admin).visit(todo!.href)).text()
    assert.include(list, '待审单位甲')
    assert.include(list, '待审单位乙')
    assert.notInclude(list, verified.name)
  })

  test('学校工作台: a module switched off for the school shows none of its to-dos', async ({
    client,
    assert,
  }) => {
    const { school: njsf, site } = await world.school({ code: 'njsf', name: '南京示范大学' })
    const staff = await world.staff(njsf)
    // 张三's 生源信息 is already approved, 李四's awaits review.
    await sourceRecord(await world.graduate(njsf, { name: '张三' }), 'approved')
    await sourceRecord(await world.graduate(njsf, { name: '李四' }), 'pending')
    const home = () => as(client, staff, { site: 'njsf' }).visit('/school')
    assert.equal(todoOf((await home()).text(), '待审核的生源信息')?.count, 1)
    await moduleSwitches.setEnabled(site, 'procedures', false)
    assert.isNull(todoOf((await home()).text(), '待审核的生源信息'))
  })
})

/** A graduate's 生源信息 record, submitted (pending) or already reviewed (approved). */
function sourceRecord(graduate: Graduate, status: 'pending' | 'approved') {
  return SourceRecord.create({
    graduateId: graduate.id,
    schoolId: graduate.schoolId,
    status,
    submittedAt: DateTime.now().minus({ days: 1 }),
    reviewedAt: status === 'approved' ? DateTime.now() : null,
  })
}
