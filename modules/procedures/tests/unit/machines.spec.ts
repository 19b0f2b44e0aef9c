import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'
import type { Machine } from '#core/state/machine'
import { text } from '#core/i18n/text'
import { sourceRecordMachine } from '#modules/procedures/machines/source_record'
import { changeRequestMachine } from '#modules/procedures/machines/change_request'
import { recommendationMachine } from '#modules/procedures/machines/recommendation'
import { planMachine } from '#modules/procedures/machines/plan'
import { invitationMachine } from '#modules/procedures/machines/invitation'
import { terminationMachine } from '#modules/procedures/machines/termination'
import { nationalImportMachine } from '#modules/procedures/machines/national_import'

/** Every transition of every procedures machine: the states it is allowed from, refused otherwise. */
const expected: [Machine<string, string>, Record<string, string[]>][] = [
  [
    sourceRecordMachine,
    {
      save: ['draft', 'returned'],
      submit: ['draft', 'returned'],
      approve: ['pending'],
      return: ['pending'],
    },
  ],
  [changeRequestMachine, { approve: ['pending'], return: ['pending'] }],
  [
    recommendationMachine,
    {
      save: ['draft', 'returned'],
      submit: ['draft', 'returned'],
      approve: ['pending'],
      return: ['pending'],
    },
  ],
  [
    planMachine,
    {
      save: ['draft', 'pending', 'returned'],
      submit: ['draft', 'pending', 'returned'],
      approve: ['pending'],
      return: ['pending'],
      amend: ['approved'],
      supersede: ['draft', 'pending', 'returned', 'approved'],
      cancel: ['draft', 'pending', 'returned', 'approved'],
    },
  ],
  [
    invitationMachine,
    {
      accept: ['pending'],
      reject: ['pending'],
      withdraw: ['pending'],
      expire: ['pending'],
      terminate: ['accepted'],
    },
  ],
  [
    terminationMachine,
    {
      employerAgree: ['pending_employer'],
      employerDisagree: ['pending_employer'],
      studentAgree: ['pending_student'],
      studentDisagree: ['pending_student'],
      schoolApprove: ['pending_school'],
      schoolReturn: ['pending_school'],
      force: ['pending_employer'],
    },
  ],
  [nationalImportMachine, { claim: ['previewed'], finish: ['importing'] }],
]

test.group('就业手续 machines: every transition allowed and refused with its key', (group) => {
  group.setup(async () => {
    await i18nManager.loadTranslations()
  })

  for (const [machine, transitions] of expected) {
    test(`${machine.name}`, ({ assert }) => {
      assert.sameMembers(Object.keys(machine.def.transitions), Object.keys(transitions))
      for (const [action, from] of Object.entries(transitions)) {
        for (const state of machine.def.states) {
          assert.equal(
            machine.can(action, state),
            from.includes(state),
            `${machine.name}.${action} from ${state}`
          )
        }
        const t = machine.transition(action)
        assert.match(t.refuse, /^procedures\.refusals\.[a-z_]+$/)
        const refusal = machine.refusal(action)
        assert.equal(refusal.message, text(t.refuse))
        assert.match(refusal.message, /[\u4e00-\u9fa5]/, `${t.refuse} exists in zh-CN`)
        assert.equal(refusal.status, 409)
      }
      for (const state of machine.def.states)
        assert.match(machine.label(state), /[\u4e00-\u9fa5]/, `label of ${state}`)
      assert.doesNotThrow(() => machine.initial())
    })
  }

  test('rows are created only in their initial states', ({ assert }) => {
    assert.deepEqual(invitationMachine.initial(), { status: 'pending' })
    assert.throws(() => invitationMachine.initial('accepted'))
    assert.deepEqual(terminationMachine.initial('pending_school'), { status: 'pending_school' })
    assert.throws(() => terminationMachine.initial('completed'))
    assert.deepEqual(planMachine.initial(), { status: 'draft' })
    assert.throws(() => planMachine.initial('approved'))
  })
})
