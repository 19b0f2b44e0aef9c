import type { HttpContext } from '@adonisjs/core/http'
import { SOURCE_FIELDS, editableSettingKey } from '#modules/procedures/services/source_fields'
import {
  SETTINGS_DEFAULTS,
  saveSchoolSettings,
  settingsFor,
} from '#modules/procedures/services/settings'
import audit from '#core/audit/audit_service'
import { text } from '#core/i18n/text'

/** 就业手续设置 of a school: which registry fields students may edit before approval; materials required. */
export default class SettingsController {
  async show(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await ctx.bouncer.authorize('manageSchool', user.schoolId!)
    return ctx.view.render('procedures::pages/school/settings', {
      settings: await settingsFor(user.schoolId),
      fields: SOURCE_FIELDS,
      keyOf: editableSettingKey,
    })
  }

  async save(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await ctx.bouncer.authorize('manageSchool', user.schoolId!)
    const before = await settingsFor(user.schoolId)
    const values: Record<string, boolean> = {}
    for (const key of Object.keys(SETTINGS_DEFAULTS)) values[key] = ctx.request.input(key) === '1'
    await saveSchoolSettings(user.schoolId!, values)
    await audit.record({
      ctx,
      action: 'procedures.settings.update',
      subject: { type: 'school', id: user.schoolId },
      schoolId: user.schoolId,
      before,
      after: values,
    })
    ctx.session.flash('success', text('procedures.flash.settings_saved'))
    return ctx.response.redirect().toRoute('procedures.school.settings')
  }
}
