import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { seedProcedures, seedProceduresHistory } from '#modules/procedures/database/demo'

/** Demo data of the procedures module (DEMO.md): 毕业去向代码表, 张三's approved
 * source info; a 2022 届 report kept from 2021 (报到证) mode. The province runs 2023+ mode by default. */
export default class ProceduresDemoSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    await seedProcedures()
    await seedProceduresHistory()
  }
}
