import vine from '@vinejs/vine'
import { RECOMMENDATION_FIELDS } from '#modules/procedures/services/recommendation_service'
import { labelTable } from '#modules/procedures/services/texts'

/** Field labels of the 推荐表, from its definitions. */
export const RECOMMENDATION_LABELS = labelTable(RECOMMENDATION_FIELDS)

/**
 * 就业推荐表 (save / submit): lengths are the columns', options the form's. Which fields are
 * required depends on the intent (a draft may be partial): the service checks those on submit.
 */
export const recommendationValidator = vine.compile(
  vine.object({
    intent: vine.enum(['save', 'submit']).optional(),
    ...Object.fromEntries(
      RECOMMENDATION_FIELDS.map((f) => {
        let text = vine.string().trim().maxLength(f.max)
        if (f.type === 'select')
          text = text.in([...(f as unknown as { options: string[] }).options])
        return [f.key, text.nullable().optional()]
      })
    ),
  })
)
