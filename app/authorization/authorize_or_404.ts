import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A record the actor may not see is answered exactly like a record that does not exist (404),
 * so walking ids cannot tell "someone else's" from "missing". 403 stays for routes that the
 * actor kind may not use at all (the area guard), never for one object.
 */
export class RecordNotFound extends Exception {
  static status = 404
  static code = 'E_RECORD_NOT_FOUND'
  constructor() {
    super('未找到该记录，或您无权查看', { status: 404, code: 'E_RECORD_NOT_FOUND' })
  }
}

/** `bouncer.authorize` for one object, refusing with the not-found answer. */
export async function authorizeOr404(
  bouncer: HttpContext['bouncer'],
  ability: any,
  ...args: any[]
): Promise<void> {
  if (await (bouncer as any).denies(ability, ...args)) throw new RecordNotFound()
}
