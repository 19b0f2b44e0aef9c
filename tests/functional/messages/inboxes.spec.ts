import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { world } from '#tests/helpers/world'
import messages from '#core/messages/services/message_service'
import Message from '#core/messages/models/message'

test.group(
  '站内消息 for every account: employers, schools and the province have an inbox',
  (group) => {
    group.each.setup(() => testUtils.db().truncate())

    test('an employer reads its 站内消息 with an unread badge and marks it read', async ({
      client,
      assert,
    }) => {
      const { user: employerUser } = await world.employer()
      await messages.send({ userId: employerUser.id, title: '宣讲会申请已通过：秋季宣讲' })
      const home = await client.get('/employer').loginAs(employerUser)
      home.assertTextIncludes('id="unread-badge">1<')
      const inbox = await client.get('/employer/messages').loginAs(employerUser)
      inbox.assertStatus(200)
      inbox.assertTextIncludes('宣讲会申请已通过：秋季宣讲')
      inbox.assertTextIncludes('（1 条未读）')
      const message = await Message.findByOrFail('user_id', employerUser.id)
      const read = await client
        .post(`/employer/messages/${message.id}/read`)
        .loginAs(employerUser)
        .withCsrfToken()
        .header('hx-request', 'true')
      read.assertStatus(200)
      await message.refresh()
      assert.isNotNull(message.readAt)
    })

    test('school staff and the province see their messages inside the admin frame', async ({
      client,
    }) => {
      const admin = await world.provinceAdmin()
      const { school: njsf } = await world.school({ code: 'njsf' })
      const njsfStaff = await world.staff(njsf)
      await messages.send({ userId: admin.id, title: '新单位注册待审核：某某公司' })
      await messages.send({ userId: njsfStaff.id, title: '有新的解约申请待审核' })
      const province = await client.get('/province/messages').loginAs(admin)
      province.assertTextIncludes('新单位注册待审核：某某公司')
      province.assertTextIncludes('class="admin-side"')
      const school = await client
        .get('/school/messages')
        .header('host', 'njsf.localhost')
        .loginAs(njsfStaff)
      school.assertTextIncludes('有新的解约申请待审核')
      school.assertTextIncludes('href="/school/messages"')
    })

    test("another account's message cannot be marked read (404)", async ({ client, assert }) => {
      const admin = await world.provinceAdmin()
      const { user: employerUser } = await world.employer()
      await messages.send({ userId: admin.id, title: '仅省级可见' })
      const message = await Message.findByOrFail('user_id', admin.id)
      const response = await client
        .post(`/employer/messages/${message.id}/read`)
        .loginAs(employerUser)
        .withCsrfToken()
      response.assertStatus(404)
      await message.refresh()
      assert.isNull(message.readAt)
    })
  }
)
