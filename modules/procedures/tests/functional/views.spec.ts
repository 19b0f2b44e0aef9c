import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import i18nManager from '@adonisjs/i18n/services/main'
import {
  worldFor,
  invite,
  acceptForm,
  mode2021,
  fileTermination,
} from '#modules/procedures/tests/helpers'
import Termination from '#modules/procedures/models/termination'

/** A text of the module's lang file (the views take every text from there). */
const text = (key: string, data?: Record<string, any>) =>
  i18nManager.locale('zh-CN').t(`procedures.${key}`, data)

/**
 * Every page of 就业手续 renders for its actor with its texts from the lang file (no missing key,
 * no Chinese left in the view: tests/unit/contracts/module_views).
 */
test.group('procedures views render with lang texts', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  function assertPage(response: any, assert: any, ...texts: string[]) {
    response.assertStatus(200)
    assert.notInclude(response.text(), 'translation missing')
    for (const t of texts) response.assertTextIncludes(t)
  }

  test('student and employer pages ({$self} mode)')
    .with(['2023', '2021'])
    .run(async ({ client, assert }, mode) => {
      const { w, zhang, hr } = await worldFor(client)
      if (mode === '2021') await mode2021()
      const invitation = await invite(w.employerUser, w.njsf.id)
      const student = (url: string) => zhang.visit(url)
      const employer = (url: string) => hr.visit(url)

      assertPage(
        await employer('/employer/procedures/signing'),
        assert,
        text('nav.employer_signing'),
        text('pages.employer.signing_new.title')
      )
      assertPage(
        await employer('/employer/procedures/signing/new'),
        assert,
        text('pages.employer.signing_new.student_section')
      )
      assertPage(
        await employer(`/employer/procedures/signing/${invitation.id}`),
        assert,
        text('pages.employer.signing_show.withdraw')
      )
      assertPage(await student('/student/procedures/signing'), assert, text('common.view_details'))
      assertPage(
        await student(`/student/procedures/signing/${invitation.id}`),
        assert,
        text('pages.student.signing_show.reject_title')
      )
      for (const url of ['source', 'recommendation', 'report', 'termination'])
        assertPage(await student(`/student/procedures/${url}`), assert)
      assertPage(await student('/student'), assert, text('widget.title'))

      await zhang.postForm(`/student/procedures/signing/${invitation.id}/accept`, acceptForm)
      assertPage(
        await employer('/employer/procedures/terminations'),
        assert,
        text('pages.employer.terminations.start')
      )
      assertPage(await student('/student/procedures/report'), assert)
      assertPage(await student('/student/procedures/termination'), assert)
      await fileTermination(client, w)
      const termination = await Termination.query().firstOrFail()
      assertPage(
        await employer(`/employer/procedures/terminations/${termination.id}`),
        assert,
        text('common.agree_termination')
      )
      assertPage(await student('/student/procedures/termination'), assert)
    })

  test('school and province pages', async ({ client, assert }) => {
    const { w, admin } = await worldFor(client)
    const staff = (url: string) => client.get(url).loginAs(w.njsfStaff)
    for (const url of ['stats', 'stats/students', 'national', 'settings'])
      assertPage(await staff(`/school/procedures/${url}`), assert)
    for (const url of ['stats', 'stats/students'])
      assertPage(await admin.visit(`/province/procedures/${url}`), assert)
  })
})
