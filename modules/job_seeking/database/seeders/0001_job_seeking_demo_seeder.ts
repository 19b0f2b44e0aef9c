import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { seedCore } from '#database/demo/core'
import { seedJobSeekingDemo } from '#modules/job_seeking/database/demo'

/** DEMO.md data of the job-seeking module (runs after the core seeder). */
export default class extends BaseSeeder {
  static environment = ['development']

  async run() {
    await seedJobSeekingDemo(await seedCore())
  }
}
