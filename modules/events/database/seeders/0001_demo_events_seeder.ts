import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { seedCore } from '#database/demo/core'
import { seedEvents } from '#modules/events/database/demo'

export default class extends BaseSeeder {
  static environment = ['development']

  async run() {
    await seedEvents(await seedCore())
  }
}
