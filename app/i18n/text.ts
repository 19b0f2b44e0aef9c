import i18nManager from '@adonisjs/i18n/services/main'

const KEY = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/

/** Whether `value` looks like an i18n key (`events.refusals.seats_full`) rather than a text. */
export function isTextKey(value: string) {
  return KEY.test(value)
}

/**
 * The text of an i18n key in the platform's language (zh-CN), outside a request: refusals thrown
 * by services, machine state labels, job and SMS texts. Views use `t()` (the request's i18n).
 * A value that is not a key is returned as it is; a missing key shows the key (and fails the
 * contract test that checks module keys).
 */
export function text(keyOrText: string, data?: Record<string, unknown>) {
  if (!isTextKey(keyOrText)) return keyOrText
  return i18nManager.locale(i18nManager.defaultLocale).t(keyOrText, data as any)
}
