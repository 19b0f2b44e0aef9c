import type { HttpContext } from '@adonisjs/core/http'

/**
 * 服务协议 and 个人信息保护政策: public pages that the activation step 1 checkbox and every footer link to,
 * so that what a student agrees to can be read before agreeing.
 */
export default class LegalController {
  async agreement({ view }: HttpContext) {
    return view.render('pages/portal/agreement')
  }

  async privacy({ view }: HttpContext) {
    return view.render('pages/portal/privacy')
  }
}
