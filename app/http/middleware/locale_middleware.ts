import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { NextFn } from '@adonisjs/core/types/http'
import { type HttpContext, RequestValidator } from '@adonisjs/core/http'

/**
 * zh-CN for everyone (browsers often send en-US even for Chinese users);
 * a `lang` cookie opts into another supported locale.
 */
export default class LocaleMiddleware {
  static {
    RequestValidator.messagesProvider = (ctx) => ctx.i18n.createMessagesProvider()
  }

  async handle(ctx: HttpContext, next: NextFn) {
    const wanted = ctx.request.cookie('lang') ?? ctx.request.plainCookie('lang')
    const locale =
      wanted && i18nManager.supportedLocales().includes(wanted) ? wanted : i18nManager.defaultLocale
    ctx.i18n = i18nManager.locale(locale)
    ctx.containerResolver.bindValue(I18n, ctx.i18n)
    ctx.view.share({
      i18n: ctx.i18n,
      t: (key: string, data?: Record<string, any>) => ctx.i18n.t(key, data),
    })
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    i18n: I18n
  }
}
