import { test } from '@japa/runner'
import edge from 'edge.js'
import { statusTone } from '#core/ui/status_tone'
import { APPLICATION_STATUS_LABELS } from '#modules/job_seeking/models/job_application'
import { REVIEW_LABELS, INVITATION_LABELS } from '#modules/procedures/services/state_machines'

const toneOf = (html: string) => html.match(/tag-(\w+)/)?.[1]

test.group('状态颜色: one status → colour map for every tag', () => {
  test('the words users read have distinct, fixed colours', ({ assert }) => {
    assert.equal(statusTone('已录用'), 'green')
    assert.equal(statusTone('不合适'), 'red')
    assert.equal(statusTone('待审核'), 'orange')
    assert.equal(statusTone('已通过'), 'green')
    assert.equal(statusTone('已退回'), 'red')
    assert.equal(statusTone('已取消'), 'gray')
    // Every application status has its own colour (no more one blue tag for all).
    const tones = Object.values(APPLICATION_STATUS_LABELS).map((l) => statusTone(l, 'blue'))
    assert.equal(new Set(tones).size, tones.length)
    // A label outside the map keeps the caller's colour.
    assert.equal(statusTone('某个新状态', 'blue'), 'blue')
  })

  test('求职, 招聘活动 and 就业手续 status tags render with the map', async ({ assert }) => {
    const job = await edge.render('components/status_tag', { label: '已录用', status: 'hired' })
    assert.equal(toneOf(job), 'green')
    assert.include(job, 'data-status="hired"')
    const booth = await edge.render('events::partials/status_tag', { status: 'pending' })
    assert.equal(toneOf(booth), 'orange')
    assert.include(booth, '待审核')
    const review = await edge.render('procedures::partials/status', {
      status: 'pending',
      labels: REVIEW_LABELS,
    })
    // 待审核 is orange in 就业手续 too (it was blue there, orange in 招聘活动).
    assert.equal(toneOf(review), 'orange')
    const invitation = await edge.render('procedures::partials/status', {
      status: 'withdrawn',
      labels: INVITATION_LABELS,
    })
    assert.equal(toneOf(invitation), 'gray')
  })
})
