import { createRequire } from 'node:module'
import type { I18nManager } from '@adonisjs/i18n'

/**
 * @adonisjs/i18n's ICU formatter builds a new IntlMessageFormat (a parse of the message) on
 * every `t()`: ≈ 2.4 % of the CPU of a logged-in page, which calls `t()` a few hundred times.
 * The compiled message depends only on (locale, message text), so it is kept per pair; a text
 * without any ICU syntax (most labels) is returned as it is without being parsed at all.
 * Same output as the stock formatter (same options: `ignoreTag`, the manager's custom formats).
 * Bounded: the key set is the lang files' texts (times the locales), never user input.
 */
const MAX_ENTRIES = 20_000

// intl-messageformat as @adonisjs/i18n itself resolves it (a dependency of that package).
const requireFromI18n = createRequire(import.meta.resolve('@adonisjs/i18n'))
const { IntlMessageFormat } = requireFromI18n(
  'intl-messageformat'
) as typeof import('intl-messageformat')

/** ICU syntax: an argument, a quote (escapes) — nothing else changes a text. */
const SYNTAX = /[{}']/

export function cacheMessageFormats(manager: I18nManager) {
  const formatter = manager.getFormatter() as {
    name: string
    format(message: string, locale: string, data?: Record<string, any>): string
  }
  if (formatter.name !== 'icu' || (formatter as any).__cached) return
  const customFormats = (formatter.constructor as any).customFormats ?? {}
  const compiled = new Map<string, InstanceType<typeof IntlMessageFormat>>()
  formatter.format = (message: string, locale: string, data?: Record<string, any>) => {
    if (!SYNTAX.test(message)) return message
    const key = `${locale}\0${message}`
    let format = compiled.get(key)
    if (!format) {
      format = new IntlMessageFormat(message, locale, customFormats, { ignoreTag: true })
      if (compiled.size >= MAX_ENTRIES) compiled.clear()
      compiled.set(key, format)
    }
    return format.format(data || {}) as string
  }
  ;(formatter as any).__cached = true
}
