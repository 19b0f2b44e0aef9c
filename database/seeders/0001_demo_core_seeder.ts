import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { seedCore } from '#database/demo/core'

export default class extends BaseSeeder {
  static environment = ['development']

  async run() {
    await seedCore()
  }
}
