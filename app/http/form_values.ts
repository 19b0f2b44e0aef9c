import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#core/ui/format'

/** `<input type="datetime-local">`: yyyy-MM-ddTHH:mm(:ss), read in Asia/Shanghai. */
const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/

/**
 * A time that exists: the pattern alone lets 2026-02-30 or 25:00 through, and an invalid
 * DateTime reaching the model is a 500. Years outside 2000..2100 are typing mistakes.
 */
const existingLocalDateTime = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string' || !field.isValid) return
  const dt = DateTime.fromISO(value, { zone: DISPLAY_ZONE })
  if (!dt.isValid || dt.year < 2000 || dt.year > 2100)
    field.report('请选择正确的{{ field }}', 'localDateTime', field)
})

/** A datetime-local form field that names a real moment (Asia/Shanghai). */
export function vineLocalDateTime() {
  return vine.string().trim().regex(LOCAL_DATETIME).use(existingLocalDateTime())
}

/** The field's value as a UTC DateTime (after `vineLocalDateTime` validated it). */
export function fromLocalInput(value: string) {
  return DateTime.fromISO(value, { zone: DISPLAY_ZONE }).toUTC()
}
