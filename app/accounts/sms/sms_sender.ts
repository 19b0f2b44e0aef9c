import logger from '@adonisjs/core/services/logger'
import { maskPhone } from '#core/privacy/mask'

/** Sends SMS verification codes. Production plugs in a carrier gateway behind this interface. */
export interface SmsSender {
  sendCode(phone: string, code: string): Promise<void>
}

/**
 * Development and test sender: writes `SMS code for 138****0000: <code>` to the log (the phone
 * masked: logs never hold a full number) and remembers the last code per phone so tests can read it.
 */
export class LogSmsSender implements SmsSender {
  #last = new Map<string, string>()

  async sendCode(phone: string, code: string) {
    this.#last.set(phone, code)
    const line = `SMS code for ${maskPhone(phone)}: ${code}`
    logger.info(line)
    if (process.env.NODE_ENV !== 'test') console.log(line)
  }

  lastCode(phone: string) {
    return this.#last.get(phone)
  }
}

const smsSender = new LogSmsSender()
export default smsSender
