import { test } from '@japa/runner'
import vine from '@vinejs/vine'
import { isValidUscc, usccCheckCharacter, usccRule } from '#core/validation/rules'
import { defaultFormMessages } from '#core/validation/messages'

const validator = vine.compile(
  vine.object({ uscc: vine.string().trim().toUpperCase().use(usccRule()) })
)

async function messageFor(value: string) {
  // The messages come from the lang files (validator.json), as in every form.
  const [error] = await validator.tryValidate(
    { uscc: value },
    { messagesProvider: defaultFormMessages() }
  )
  return error ? (error.messages as { message: string }[])[0].message : null
}

test.group('统一社会信用代码 (GB 32100 check character)', () => {
  test('real codes with a correct check character are accepted', ({ assert }) => {
    for (const code of [
      '91350100M000100Y43',
      '91110000600037341L',
      '91440300708461136T',
      '91320100MA1888880G',
    ]) {
      assert.isTrue(isValidUscc(code), code)
    }
  })

  test('the check character is computed mod 31 over the weighted characters (31 maps to 0)', ({
    assert,
  }) => {
    assert.equal(usccCheckCharacter('91350100M000100Y4'), '3')
    assert.equal(usccCheckCharacter('91110000600037341'), 'L')
    assert.isNull(usccCheckCharacter('9111000060003734')) // 16 characters
    assert.isNull(usccCheckCharacter('9111000060003734I')) // I is not in the character set
  })

  test('a wrong check character, a wrong length or a forbidden letter is refused', ({ assert }) => {
    assert.isFalse(isValidUscc('91350100M000100Y44'))
    assert.isFalse(isValidUscc('91110000600037341K'))
    assert.isFalse(isValidUscc('91350100M000100Y4'))
    assert.isFalse(isValidUscc('91350100M000100Y433'))
    assert.isFalse(isValidUscc('91350100MO00100Y43')) // O
    assert.isFalse(isValidUscc('9135O100M000100Y43')) // letters in the division code
    assert.isFalse(isValidUscc(''))
  })

  test('lower case and surrounding spaces are normalised', ({ assert }) => {
    assert.isTrue(isValidUscc(' 91110000600037341l '))
  })

  test('the VineJS rule reports a Chinese message for each refusal', async ({ assert }) => {
    assert.isNull(await messageFor('91350100m000100y43'))
    assert.equal(
      await messageFor('91350100M000100Y44'),
      '统一社会信用代码校验位不正确，请核对后重新输入'
    )
    assert.equal(await messageFor('913501'), '统一社会信用代码应为 18 位')
    assert.equal(
      await messageFor('91350100M000100SZ3'),
      '统一社会信用代码含有无效字符（不使用 I、O、S、V、Z）'
    )
  })

  test('the rule normalises the value it returns (upper case)', async ({ assert }) => {
    const [, data] = await validator.tryValidate({ uscc: ' 91110000600037341l ' })
    assert.equal(data!.uscc, '91110000600037341L')
  })
})
