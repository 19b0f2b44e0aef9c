import type { HttpContext } from '@adonisjs/core/http'
import { Refusal } from '#core/http/refusal'

/**
 * `bouncer.authorize` for one object, refusing with the not-found answer: a record the actor may
 * not see is answered exactly like a record that does not exist (404), so walking ids cannot tell
 * "someone else's" from "missing". 403 stays for routes that the actor kind may not use at all
 * (the area guard), never for one object.
 */
export async function authorizeOr404(
  bouncer: HttpContext['bouncer'],
  ability: any,
  ...args: any[]
): Promise<void> {
  if (await (bouncer as any).denies(ability, ...args))
    throw Refusal.notFound('未找到该记录，或您无权查看')
}
