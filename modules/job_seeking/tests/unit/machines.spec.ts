import { test } from '@japa/runner'
import { assertMachineTable, type TransitionTable } from '#tests/helpers/machines'
import i18nManager from '@adonisjs/i18n/services/main'
import type { Machine } from '#core/state/machine'
import applicationMachine from '#modules/job_seeking/machines/job_application'
import interviewMachine from '#modules/job_seeking/machines/interview'
import jobMachine from '#modules/job_seeking/machines/job_posting'

/**
 * Every transition of the module's machines: allowed exactly from the states listed (checked
 * against every state), refused with its own lang key everywhere else; states have labels.
 */
const EXPECTED: [Machine<any, any>, TransitionTable][] = [
  [
    applicationMachine,
    {
      view: [['submitted'], 'viewed', 'job_seeking.refusals.application_changed'],
      interview: [['submitted', 'viewed'], 'interview', 'job_seeking.refusals.application_changed'],
      reject: [
        ['submitted', 'viewed', 'interview'],
        'rejected',
        'job_seeking.refusals.application_changed',
      ],
      hire: [
        ['submitted', 'viewed', 'interview'],
        'hired',
        'job_seeking.refusals.application_changed',
      ],
      invite: [
        ['submitted', 'viewed', 'interview'],
        'interview',
        'job_seeking.refusals.application_finished',
      ],
    },
  ],
  [
    interviewMachine,
    {
      accept: [['pending'], 'accepted', 'job_seeking.refusals.interview_already_answered'],
      refuse: [['pending'], 'refused', 'job_seeking.refusals.interview_already_answered'],
    },
  ],
  [
    jobMachine,
    {
      close: [['open'], 'closed', 'job_seeking.refusals.job_already_closed'],
      reopen: [['closed'], 'open', 'job_seeking.refusals.job_already_open'],
    },
  ],
]

test.group('job_seeking machines', (group) => {
  group.setup(async () => {
    await i18nManager.loadTranslations()
  })

  for (const [machine, transitions] of EXPECTED) {
    test(`${machine.name}: each transition allowed from its states only, refused with its key`, ({
      assert,
    }) => {
      assertMachineTable(assert, machine, transitions)
    })
  }

  test('new rows start in the initial state only', ({ assert }) => {
    assert.deepEqual(applicationMachine.initial(), { status: 'submitted' })
    assert.deepEqual(interviewMachine.initial(), { status: 'pending' })
    assert.deepEqual(jobMachine.initial(), { status: 'open' })
    assert.throws(() => applicationMachine.initial('hired'))
    assert.throws(() => interviewMachine.initial('accepted'))
    assert.throws(() => jobMachine.initial('closed'))
  })

  test('the labels are the manual’s words', ({ assert }) => {
    assert.deepEqual(
      applicationMachine.def.states.map((s) => applicationMachine.label(s)),
      ['已投递', '已查看', '邀请面试', '不合适', '已录用']
    )
    assert.deepEqual(
      interviewMachine.def.states.map((s) => interviewMachine.label(s)),
      ['待回复', '已接受', '已拒绝']
    )
  })
})
