import type { HttpContext } from '@adonisjs/core/http'
import { apiStudent } from '#core/api/http'
import { procedureStatus } from '#modules/procedures/services/home_widget'

/** 就业手续 at a glance: the same five states as the student home's widget. */
export default class ProceduresApiController {
  async status(ctx: HttpContext) {
    const student = apiStudent(ctx)
    if (!student.graduateId) return { data: [] }
    const items = await procedureStatus(student.graduateId)
    return {
      data: items.map((item) => ({
        id: item.id,
        label: item.label,
        status: 'status' in item ? item.status : null,
        count: 'count' in item ? item.count : null,
        value: item.value,
        url: item.href,
      })),
    }
  }
}
