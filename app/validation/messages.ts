import i18nManager from '@adonisjs/i18n/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import type { I18n } from '@adonisjs/i18n'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'

/**
 * VineJS messages from the lang files only. A form's messages and field names are looked up
 * under each prefix in turn (a module's `<id>.validator` first, then the core's
 * `validator.shared`): `<prefix>.messages.<field>.<rule>`, then `<prefix>.messages.<rule>`;
 * field names under `<prefix>.fields.<field>`. Messages are ICU: `请填写{field}`.
 */
export class LangMessagesProvider implements MessagesProviderContact {
  readonly #prefixes: string[]
  readonly #i18n: () => I18n
  /** Field names known by the caller (admin forms label their own fields). */
  labels: Record<string, string> = {}

  constructor(i18n: () => I18n, prefixes: string[]) {
    this.#i18n = i18n
    this.#prefixes = [...prefixes, 'validator.shared'].filter((p, i, all) => all.indexOf(p) === i)
  }

  withLabels(labels: Record<string, string>) {
    this.labels = labels
    return this
  }

  #lookup(i18n: I18n, key: string) {
    return i18n.resolveIdentifier(key)?.message
  }

  #fieldName(i18n: I18n, name: string) {
    if (this.labels[name]) return this.labels[name]
    for (const prefix of this.#prefixes) {
      const found = this.#lookup(i18n, `${prefix}.fields.${name}`)
      if (found) return i18n.formatRawMessage(found)
    }
    return name
  }

  getMessage(
    defaultMessage: string,
    rule: string,
    field: FieldContext,
    meta?: Record<string, any>
  ) {
    const i18n = this.#i18n()
    const data: Record<string, any> = {
      ...meta,
      field: this.#fieldName(i18n, field.name as string),
    }
    if (meta?.otherField) data.otherField = this.#fieldName(i18n, meta.otherField)
    const candidates = this.#prefixes.flatMap((prefix) => [
      `${prefix}.messages.${field.wildCardPath}.${rule}`,
      `${prefix}.messages.${rule}`,
    ])
    for (const key of candidates) {
      const found = this.#lookup(i18n, key)
      if (found) return i18n.formatRawMessage(found, data)
    }
    return defaultMessage.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k) => String(data[k] ?? ''))
  }
}

/** The messages of a module's (or core area's) forms for this request's locale. */
export function formMessages(ctx: HttpContext, ...prefixes: string[]) {
  return new LangMessagesProvider(() => ctx.i18n, prefixes)
}

/**
 * The same outside a request (services validating stored data, module-level providers):
 * the default locale, resolved when a message is needed (translations load at boot).
 */
export function defaultFormMessages(...prefixes: string[]) {
  return new LangMessagesProvider(() => i18nManager.locale(i18nManager.defaultLocale), prefixes)
}

/** First message per field of a VineJS validation error, for `session.flashErrors` / FieldErrors. */
export function firstMessages(error: { messages: unknown }) {
  const out: Record<string, string> = {}
  for (const m of error.messages as { field: string; message: string }[]) out[m.field] ??= m.message
  return out
}
