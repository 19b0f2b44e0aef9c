import type { HttpContext } from '@adonisjs/core/http'
import sourceService from '#modules/procedures/services/source_service'
import { REVIEW_LABELS } from '#modules/procedures/services/state_machines'
import { FIELD_BY_KEY } from '#modules/procedures/services/source_fields'
import { act, show } from '#modules/procedures/controllers/respond'

/** 生源信息核对 (rule 10) */
export default class SourceController {
  async show(ctx: HttpContext) {
    return show(ctx, async () => {
      const state = await sourceService.view(ctx.auth.use('web').user!)
      return ctx.view.render('procedures::student/source', {
        ...state,
        labels: REVIEW_LABELS,
        fieldLabel: (k: string) => FIELD_BY_KEY.get(k)?.label ?? k,
      })
    })
  }

  async save(ctx: HttpContext) {
    const submit = ctx.request.input('intent') === 'submit'
    return act(
      ctx,
      () => sourceService.save(ctx.auth.use('web').user!, ctx.request.all(), submit),
      submit ? '已提交，请等待学院老师审核' : '已保存',
      '/student/procedures/source'
    )
  }

  async requestChange(ctx: HttpContext) {
    const input = ctx.request.all()
    const values: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(input))
      if (key.startsWith('new_')) values[key.slice(4)] = value
    return act(
      ctx,
      () =>
        sourceService.requestChange(ctx.auth.use('web').user!, values, ctx.request.input('reason')),
      '变更申请已提交，请等待老师审核',
      '/student/procedures/source'
    )
  }
}
