import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { seedCore } from '#database/demo/core'
import Graduate from '#core/registry/models/graduate'

const host = 'njsf.localhost'

async function manyGraduates(schoolId: number, count: number) {
  for (let i = 1; i <= count; i++) {
    await Graduate.create({
      schoolId,
      studentNumber: `20260${String(70000 + i)}`,
      name: `翻页同学${i}`,
      idNumber: null,
      phone: null,
      college: '计算机学院',
      signable: false,
    })
  }
}

test.group('列表分页: totals, page numbers, filters kept', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('生源库 shows 共 N 条 and page links that keep the search and the filters', async ({
    client,
    assert,
  }) => {
    const { njsf, njsfStaff } = await seedCore()
    await manyGraduates(njsf.id, 65) // 4 pages of 20
    const response = await client
      .get('/school/graduates?q=翻页&f_college=计算机学院&page=2')
      .header('host', host)
      .loginAs(njsfStaff)
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
    const { njsf, njsfStaff } = await seedCore()
    await manyGraduates(njsf.id, 3)
    const list = await client
      .get('/school/graduates?q=翻页&f_signable=0')
      .header('host', host)
      .loginAs(njsfStaff)
    const back = list
      .text()
      .match(/name="back" value="([^"]+)"/)?.[1]
      ?.replaceAll('&amp;', '&')
    assert.exists(back)
    const backParams = new URLSearchParams(back!.split('?')[1])
    assert.equal(backParams.get('q'), '翻页')
    assert.equal(backParams.get('f_signable'), '0')

    const ids = (await Graduate.query().where('name', 'like', '翻页同学%')).map((g) => String(g.id))
    const done = await client
      .post('/school/graduates/bulk/mark-signable')
      .header('host', host)
      .loginAs(njsfStaff)
      .withCsrfToken()
      .form({ ids, back })
      .redirects(0)
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
    const { njsf, njsfStaff } = await seedCore()
    await manyGraduates(njsf.id, 1)
    const html = (
      await client.get('/school/graduates?q=翻页同学1').header('host', host).loginAs(njsfStaff)
    ).text()
    const button = html.match(/<button[^>]*\/actions\/mark-signable"[^>]*>/)?.[0] ?? ''
    assert.match(button, /hx-confirm="[^"]+可签约[^"]*"/)
    assert.include(button, 'data-confirm-title="标记可签约"')
  })
})
