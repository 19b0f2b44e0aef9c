import { test } from '@japa/runner'
import { buildPager, pageNumbers } from '#core/ui/pagination'

function paginator(
  currentPage: number,
  lastPage: number,
  base = '',
  qs: Record<string, string> = {}
) {
  return {
    total: lastPage * 20,
    perPage: 20,
    currentPage,
    lastPage,
    getUrl: (page: number) => `${base}?${new URLSearchParams({ ...qs, page: String(page) })}`,
  }
}
const get = (qs: Record<string, unknown>) => ({ method: () => 'GET', qs: () => qs })

test.group('列表分页: page numbers with ellipses', () => {
  test('first, last and two around the current page; longer gaps become …', ({ assert }) => {
    assert.deepEqual(pageNumbers(1, 1), [1])
    assert.deepEqual(pageNumbers(1, 5), [1, 2, 3, 4, 5])
    assert.deepEqual(pageNumbers(10, 20), [1, null, 8, 9, 10, 11, 12, null, 20])
    // A gap of one page shows that page, not an ellipsis.
    assert.deepEqual(pageNumbers(5, 20), [1, 2, 3, 4, 5, 6, 7, null, 20])
  })

  test('links carry the filters and search of the GET request, the page replaced', ({ assert }) => {
    const pager = buildPager(paginator(2, 9), get({ q: '会计', city: ['南京', '苏州'], page: '2' }))
    assert.equal(
      pager.prev,
      '?q=%E4%BC%9A%E8%AE%A1&city=%E5%8D%97%E4%BA%AC&city=%E8%8B%8F%E5%B7%9E&page=1'
    )
    const next = new URLSearchParams(pager.next!.slice(1))
    assert.equal(next.get('q'), '会计')
    assert.deepEqual(next.getAll('city'), ['南京', '苏州'])
    assert.equal(next.get('page'), '3')
  })

  test("the paginator's own base URL and query string win over the request's", ({ assert }) => {
    const pager = buildPager(
      paginator(1, 3, '/school/graduates', { q: '张' }),
      get({ q: 'x', tab: 'a' })
    )
    assert.equal(pager.next, '/school/graduates?tab=a&q=%E5%BC%A0&page=2')
    assert.isNull(pager.prev)
  })

  test('after a POST (a list re-rendered by an action) nothing from the form is carried', ({
    assert,
  }) => {
    const post = { method: () => 'POST', qs: () => ({ _csrf: 'x' }) }
    assert.equal(buildPager(paginator(1, 2), post).next, '?page=2')
  })
})
