import logger from '@adonisjs/core/services/logger'

/** Sends SMS verification codes. Production plugs in a carrier gateway behind this interface. */
export interface SmsSender {
  sendCode(phone: string, code: string): Promise<void>
}

/**
 * Development and test sender: writes `SMS code for <phone>: <code>` to the log and
 * remembers the last code per phone so tests can read it.
 */
export class LogSmsSender implements SmsSender {
  #last = new Map<string, string>()

  async sendCode(phone: string, code: string) {
    this.#last.set(phone, code)
    logger.info(`SMS code for ${phone}: ${code}`)
    if (process.env.NODE_ENV !== 'test') console.log(`SMS code for ${phone}: ${code}`)
  }

  lastCode(phone: string) {
    return this.#last.get(phone)
  }
}

const smsSender = new LogSmsSender()
export default smsSender
