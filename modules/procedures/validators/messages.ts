import type { HttpContext } from '@adonisjs/core/http'
import { formMessages } from '#core/validation/messages'

/**
 * Messages of a procedures form, from modules/procedures/resources/lang/zh-CN/procedures.json:
 * `procedures.validator.<form>` first (several forms: the most specific first), then `procedures.validator`, then the core's shared ones.
 * `labels` names fields whose label comes from a field definition (source, report, recommendation).
 */
export function proceduresMessages(
  ctx: HttpContext,
  form: string | string[] | null = null,
  labels: Record<string, string> = {}
) {
  const forms = form === null ? [] : Array.isArray(form) ? form : [form]
  const prefixes = [...forms.map((f) => `procedures.validator.${f}`), 'procedures.validator']
  return formMessages(ctx, ...prefixes).withLabels(labels)
}
