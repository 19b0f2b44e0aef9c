import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { world } from '#tests/helpers/world'
import { as } from '#tests/helpers/requests'
import type School from '#core/tenancy/models/school'
import Graduate from '#core/registry/models/graduate'

/** 南京示范大学's school admin, with `count` registry records named 翻页同学1… in 计算机学院. */
async function schoolWithGraduates(count: number) {
  const { school } = await world.school({ code: 'njsf', name: '南京示范大学' })
  const staff = await world.staff(school)
  // One record outside the search, so the search is what narrows the list.
  await world.graduate(school, { name: '张三' })
  await manyGraduates(school, count)
  return staff
}

async function manyGraduates(school: School, count: number) {
  for (let i = 1; i <= count; i++) {
    await world.graduate(school, {
      studentNumber: `20260${String(70000 + i)}`,
      name: `翻页同学${i}`,
      idNumber: null,
      phone: null,
      college: '计算机学院',
    })
  }
}

test.group('列表分页: totals, page numbers, filters kept', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('生源库 shows 共 N 条 and page links that keep the search and the filters', async ({
    client,
    assert,
  }) => {
    const staff = await schoolWithGraduates(65) // 4 pages of 20
    const response = await as(client, staff, { site: 'njsf' }).visit(
      '/school/graduates?q=翻页&f_college=计算机学院&page=2'
    )
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, '共 65 条')
    assert.include(html, '上一页')
    assert.include(html, '下一页')
    assert.include(html, 'aria-current="page">2<')
    const links = [...html.matchAll(/href="(\/school\/graduates\?[^"]*page=(\d)[^"]*)"/g)]
    const pages = new Set(links.map((m) => m[2]))
    for (const p of ['1', '3', '4']) assert.isTrue(pages.has(p), `page ${p} linked`)
    for (const [, href] of links) {
      const params = new URLSearchParams(href.replaceAll('&amp;', '&').split('?')[1])
      assert.equal(params.get('q'), '翻页')
      assert.equal(params.get('f_college'), '计算机学院')
    }
    // htmx paging swaps the table.
    assert.match(html, /hx-get="\/school\/graduates\?[^"]*page=3[^"]*" hx-target="#resource-table"/)
  })

  test('a bulk action in 生源库 returns to the list with its search (q) and filters', async ({
    client,
    assert,
  }) => {
    const staff = await schoolWithGraduates(3)
    const list = await as(client, staff, { site: 'njsf' }).visit(
      '/school/graduates?q=翻页&f_signable=0'
    )
    const back = list
      .text()
      .match(/name="back" value="([^"]+)"/)?.[1]
      ?.replaceAll('&amp;', '&')
    assert.exists(back)
    const backParams = new URLSearchParams(back!.split('?')[1])
    assert.equal(backParams.get('q'), '翻页')
    assert.equal(backParams.get('f_signable'), '0')

    const ids = (await Graduate.query().where('name', 'like', '翻页同学%')).map((g) => String(g.id))
    const done = await as(client, staff, { site: 'njsf' }).postForm(
      '/school/graduates/bulk/mark-signable',
      { ids, back }
    )
    done.assertStatus(302)
    const location = new URL(done.header('location') ?? '', 'http://x')
    assert.equal(location.pathname, '/school/graduates')
    assert.equal(location.searchParams.get('q'), '翻页')
    assert.equal(location.searchParams.get('f_signable'), '0')
    const marked = await Graduate.query().whereIn('id', ids).where('signable', true)
    assert.lengthOf(marked, 3)
  })

  test('a single 标记可签约 asks the same in-page confirmation as 取消可签约', async ({
    client,
    assert,
  }) => {
    const staff = await schoolWithGraduates(1)
    const html = (
      await as(client, staff, { site: 'njsf' }).visit('/school/graduates?q=翻页同学1')
    ).text()
    const button = html.match(/<button[^>]*\/actions\/mark-signable"[^>]*>/)?.[0] ?? ''
    assert.match(button, /hx-confirm="[^"]+可签约[^"]*"/)
    assert.include(button, 'data-confirm-title="标记可签约"')
  })
})
