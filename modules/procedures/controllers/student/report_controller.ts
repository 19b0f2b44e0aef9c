import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import planService, { formFor } from '#modules/procedures/services/plan_service'
import { INFO_TYPES } from '#modules/procedures/services/destination_codes'
import {
  REGISTRATION_HISTORY_FIELDS,
  historyValue,
} from '#modules/procedures/services/registration'
import { REVIEW_LABELS } from '#modules/procedures/services/state_machines'
import { act } from '#modules/procedures/controllers/form_action'
import { REPORT_LABELS, reportValidator } from '#modules/procedures/validators/report'
import { proceduresMessages } from '#modules/procedures/validators/messages'

/**
 * 就业信息上报 (rule 13): 选择就业信息类型 → 下一步 → 毕业去向分类 → 下一步 → 填报 → 提交.
 * An online-signed plan opens pre-filled (only its editable fields can change).
 */
export default class ReportController {
  async show(ctx: HttpContext) {
    const state = await planService.view(ctx.auth.use('web').user!)
    const type = String(ctx.request.input('type', '') || state.plan?.infoType || '')
    const codeValue = String(ctx.request.input('code', '') || (state.plan?.destination?.code ?? ''))
    // A historic plan may carry a code no longer offered (a parent such as 80): it still shows.
    const code =
      state.codes.find((c) => c.code === codeValue && (!type || c.infoType === type)) ??
      (state.plan?.destination?.code === codeValue ? state.plan.destination : null)
    const step = state.plan && !ctx.request.input('type') ? 3 : code ? 3 : type ? 2 : 1
    return ctx.view.render('procedures::pages/student/report', {
      ...state,
      step,
      type,
      code,
      infoTypes: INFO_TYPES,
      typeCodes: state.codes.filter((c) => c.infoType === type),
      formFields: code ? formFor(state.mode, code.formKind) : [],
      historyLabel: (field: string) => REGISTRATION_HISTORY_FIELDS[field] ?? field,
      historyValue,
      labels: REVIEW_LABELS,
      lockedList: [...state.locked],
    })
  }

  async save(ctx: HttpContext) {
    const submit = ctx.request.input('intent') === 'submit'
    return act(
      ctx,
      async () => {
        const mode = await planService.reportMode(ctx.auth.use('web').user!)
        const data = await ctx.request.validateUsing(reportValidator, {
          messagesProvider: proceduresMessages(ctx, 'report', REPORT_LABELS),
          meta: { mode },
        })
        await planService.save(ctx.auth.use('web').user!, data.code ?? '', data, submit)
      },
      submit ? 'procedures.toasts.report_submitted' : 'procedures.toasts.saved',
      router.makeUrl('procedures.report')
    )
  }
}
