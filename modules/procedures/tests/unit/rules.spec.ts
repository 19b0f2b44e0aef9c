import { test } from '@japa/runner'
import { can, machines } from '#modules/procedures/services/state_machines'
import { text } from '#core/i18n/text'
import { isValidIdNumber } from '#core/validation/rules'
import { defaultFormMessages } from '#core/validation/messages'
import { SOURCE_LABELS, sourceSaveValidator } from '#modules/procedures/validators/source'
import files from '#core/files/file_service'
import { MATERIAL_PURPOSE } from '#modules/procedures/services/materials'
import { planAllowsSigning } from '#modules/procedures/services/plan_service'

test.group('就业手续 state machines and field rules', () => {
  test('each transition starts only from its allowed states', ({ assert }) => {
    assert.isTrue(can('sourceRecord', 'submit', 'draft'))
    assert.isTrue(can('sourceRecord', 'submit', 'returned'))
    assert.isFalse(can('sourceRecord', 'submit', 'pending'))
    assert.isFalse(can('sourceRecord', 'save', 'approved'))
    // rule 13: editable while 未提交, 待审核 or 审核退回, never once approved
    assert.isTrue(can('plan', 'save', 'pending'))
    assert.isTrue(can('plan', 'save', 'returned'))
    assert.isFalse(can('plan', 'save', 'approved'))
    assert.isFalse(can('invitation', 'accept', 'expired'))
    assert.isFalse(can('invitation', 'withdraw', 'accepted'))
    // forced termination only while waiting for the employer
    assert.isTrue(can('termination', 'force', 'pending_employer'))
    assert.isFalse(can('termination', 'force', 'pending_school'))
    for (const machine of Object.values(machines)) {
      for (const t of Object.values(machine.def.transitions) as { refuse: string }[])
        assert.match(text(t.refuse), /[\u4e00-\u9fa5]/, 'every refusal is in Chinese')
    }
  })

  test('ID numbers are checked with the GB 11643 check digit', async ({ assert }) => {
    assert.isTrue(isValidIdNumber('32010220030101123X'))
    assert.isFalse(isValidIdNumber('320102200301011234'))
    assert.isFalse(isValidIdNumber('32010220030101123'))
    // The source form's validator, with the module's messages from its lang file.
    const messagesProvider = defaultFormMessages('procedures.validator').withLabels(SOURCE_LABELS)
    const [error] = await sourceSaveValidator.tryValidate(
      { phone: '1380000000' },
      { messagesProvider }
    )
    assert.deepEqual(
      (error?.messages as { message: string }[]).map((m) => m.message),
      ['请输入正确的 11 位手机号码']
    )
    const [ok] = await sourceSaveValidator.tryValidate(
      { phone: '13800000000' },
      { messagesProvider }
    )
    assert.isNull(ok)
  })

  test('materials are recognised by content, not by name', ({ assert }) => {
    const sniff = (bytes: Buffer, name: string) => files.sniff(bytes, MATERIAL_PURPOSE, name)
    assert.equal(sniff(Buffer.from('%PDF-1.7 ...'), '解约函.jpg'), 'pdf')
    assert.equal(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), '解约函.pdf'), 'jpg')
    assert.isNull(sniff(Buffer.from('MZ\x90\x00 not a pdf'), '解约函.pdf'))
  })

  test('a non-online plan still allows signing until approved, or when it says not employed yet', ({
    assert,
  }) => {
    const plan = (status: string, signingType = 'offline') => ({ status, signingType }) as any
    assert.isTrue(planAllowsSigning(plan('pending'), { infoType: 'employment' } as any))
    assert.isFalse(planAllowsSigning(plan('approved'), { infoType: 'employment' } as any))
    assert.isTrue(planAllowsSigning(plan('approved'), { infoType: 'unemployed' } as any))
    assert.isFalse(planAllowsSigning(plan('draft', 'online'), null))
  })
})
