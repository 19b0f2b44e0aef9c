/*
| The open API (/api/v1) on every site, and the 91job-compatible open data (/web/wsjysc/…).
| Core endpoints are declared here; modules declare theirs in their manifest's `api` registrars,
| mounted below under /api/v1 (public) and behind the token guard (student), each behind the
| module guard. Every /api route carries a describe() (the OpenAPI document is generated from it).
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import moduleRegistry from '#core/modules/registry'
import { describe } from '#core/api/describe'
import { requireApiStudent } from '#core/api/http'
import { limitOpenApi, limitOpenData } from '#core/api/rate_limit'
import { tokenValidator } from '#core/api/controllers/auth_controller'
import {
  announcementQuery,
  ANNOUNCEMENT_SHAPE,
} from '#core/api/controllers/announcements_controller'
import { MESSAGE_SHAPE, messagesQuery } from '#core/api/controllers/me_controller'

const Auth = () => import('#core/api/controllers/auth_controller')
const Announcements = () => import('#core/api/controllers/announcements_controller')
const Me = () => import('#core/api/controllers/me_controller')
const Docs = () => import('#core/api/controllers/docs_controller')
const OpenData = () => import('#core/api/controllers/open_data_controller')

const id = () => router.matchers.number()

router
  .group(() => {
    describe(router.get('/openapi.json', [Docs, 'document']).as('api.openapi'), {
      summary: 'OpenAPI 3.1 文档（本文档）',
      tags: ['文档'],
      response: 'object',
    })
    describe(router.get('/docs', [Docs, 'page']).as('api.docs'), {
      summary: '接口参考页面（由同一文档生成）',
      tags: ['文档'],
      produces: 'text/html',
    })
    describe(router.post('/auth/token', [Auth, 'store']).as('api.auth.token'), {
      summary: '学生登录：学校 + 学号 + 密码换取访问令牌（30 天）',
      description:
        '与网页登录相同的校验与频率限制（每账号、每地址、每账号 + 地址）。学校分站上 school_id 可省略。',
      tags: ['认证'],
      body: tokenValidator,
      response: { type: 'string', token: 'string', abilities: ['string'], expires_at: 'date-time' },
      refusals: { 401: '账号或密码错误', 403: '该账号已停用' },
    })
    describe(router.get('/announcements', [Announcements, 'index']).as('api.announcements'), {
      summary: '招聘公告列表（省级与本站）',
      tags: ['招聘公告'],
      query: announcementQuery,
      paged: true,
      response: ANNOUNCEMENT_SHAPE,
    })
    describe(
      router
        .get('/announcements/:id', [Announcements, 'show'])
        .as('api.announcements.show')
        .where('id', id()),
      {
        summary: '招聘公告详情',
        tags: ['招聘公告'],
        response: { ...ANNOUNCEMENT_SHAPE, body: 'string' },
      }
    )
  })
  .prefix('/api/v1')
  .use(limitOpenApi)

router
  .group(() => {
    describe(router.delete('/auth/token', [Auth, 'destroy']).as('api.auth.revoke'), {
      summary: '注销当前访问令牌',
      tags: ['认证'],
      auth: true,
      response: { revoked: 'boolean' },
    })
    describe(router.get('/me', [Me, 'show']).as('api.me'), {
      summary: '我的资料与首页计数（未读消息、日程及各功能模块的计数）',
      tags: ['学生'],
      auth: true,
      response: {
        id: 'integer',
        name: 'string',
        student_number: 'string',
        school: { id: 'integer', name: 'string' },
        college: 'string?',
        phone: 'string?',
        email: 'string?',
        last_login_at: 'date-time?',
        counts: 'object',
      },
    })
    describe(router.get('/me/messages', [Me, 'messages']).as('api.me.messages'), {
      summary: '站内消息列表',
      tags: ['站内消息'],
      auth: true,
      query: messagesQuery,
      paged: true,
      response: MESSAGE_SHAPE,
    })
    describe(
      router
        .post('/me/messages/:id/read', [Me, 'markRead'])
        .as('api.me.messages.read')
        .where('id', id()),
      { summary: '标记消息为已读', tags: ['站内消息'], auth: true, response: MESSAGE_SHAPE }
    )
  })
  .prefix('/api/v1')
  .use(requireApiStudent)

// Module endpoints, from the manifests.
for (const manifest of moduleRegistry.all()) {
  const api = manifest.api
  if (!api) continue
  if (api.public) {
    router
      .group(() => api.public!(router))
      .prefix('/api/v1')
      .use([limitOpenApi, middleware.module({ id: manifest.id })])
  }
  if (api.student) {
    router
      .group(() => api.student!(router))
      .prefix('/api/v1')
      .use([requireApiStudent, middleware.module({ id: manifest.id })])
  }
}

// 91job-compatible open data: read-only, public, per-address limits with a 91job-shaped error.
router
  .group(() => {
    router.post('/web/wsjysc/lbxq/getZpggPageList', [OpenData, 'announcements'])
    router.get('/web/wsjysc/lbxq/getZpggxq', [OpenData, 'announcement'])
  })
  .use(limitOpenData)
for (const manifest of moduleRegistry.all()) {
  const register = manifest.api?.openData
  if (!register) continue
  router.group(() => register(router)).use([limitOpenData, middleware.module({ id: manifest.id })])
}
