import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { seedProcedures } from '#modules/procedures/database/demo'

/** Demo data of the procedures module (DEMO.md): 毕业去向代码表, 张三's approved source info. */
export default class ProceduresDemoSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    await seedProcedures()
  }
}
