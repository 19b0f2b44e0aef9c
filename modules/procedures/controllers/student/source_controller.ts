import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import sourceService from '#modules/procedures/services/source_service'
import { REVIEW_LABELS } from '#modules/procedures/services/state_machines'
import { FIELD_BY_KEY } from '#modules/procedures/services/source_fields'
import { act } from '#modules/procedures/controllers/form_action'
import {
  CHANGE_LABELS,
  SOURCE_LABELS,
  changeRequestValidator,
  sourceSaveValidator,
} from '#modules/procedures/validators/source'
import { proceduresMessages } from '#modules/procedures/validators/messages'
import { FieldErrors } from '#core/http/refusal'
import { firstMessages } from '#core/validation/messages'
import { errors as vineErrors } from '@vinejs/vine'

/** 生源信息核对 (rule 10) */
export default class SourceController {
  async show(ctx: HttpContext) {
    const state = await sourceService.view(ctx.auth.use('web').user!)
    return ctx.view.render('procedures::pages/student/source', {
      ...state,
      labels: REVIEW_LABELS,
      fieldLabel: (k: string) => FIELD_BY_KEY.get(k)?.label ?? k,
    })
  }

  async save(ctx: HttpContext) {
    const submit = ctx.request.input('intent') === 'submit'
    return act(
      ctx,
      async () => {
        const data = await ctx.request.validateUsing(sourceSaveValidator, {
          messagesProvider: proceduresMessages(ctx, 'source', SOURCE_LABELS),
        })
        await sourceService.save(ctx.auth.use('web').user!, data, submit)
      },
      submit ? 'procedures.toasts.source_submitted' : 'procedures.toasts.saved',
      router.makeUrl('procedures.source')
    )
  }

  async requestChange(ctx: HttpContext) {
    return act(
      ctx,
      async () => {
        let data: Record<string, unknown>
        try {
          data = await ctx.request.validateUsing(changeRequestValidator, {
            messagesProvider: proceduresMessages(ctx, 'change_request', CHANGE_LABELS),
          })
        } catch (error) {
          if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
          // The form shows each error beside the field's key (new_phone → phone).
          const fields = firstMessages(error)
          throw new FieldErrors(
            Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^new_/, ''), v]))
          )
        }
        const values: Record<string, unknown> = {}
        for (const [key, value] of Object.entries(data))
          if (key.startsWith('new_')) values[key.slice(4)] = value
        await sourceService.requestChange(ctx.auth.use('web').user!, values, data.reason)
      },
      'procedures.toasts.change_requested',
      router.makeUrl('procedures.source')
    )
  }
}
