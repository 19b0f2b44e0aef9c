import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { world } from '#tests/helpers/world'
import { RegistryImportService } from '#core/registry/services/registry_import'
import { idNumberProblem } from '#core/registry/validation'

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
function idNumber(n: number) {
  const body = `320102${2003}${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`
  const sum = W.reduce((acc, w, i) => acc + w * Number(body[i]), 0)
  return body + '10X98765432'[sum % 11]
}

test.group('生源库导入 at scale', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('5,000 rows import in one transaction; re-importing unchanged rows writes nothing (measured)', async ({
    assert,
  }) => {
    const { school: njsf } = await world.school()
    const njsfStaff = await world.staff(njsf)
    const lines = ['学号,姓名,性别,身份证号,学院,专业,学历,届别,手机号']
    for (let i = 0; i < 5000; i++) {
      const id = idNumber(i)
      assert.isNull(idNumberProblem(id))
      lines.push(
        `2026${String(500000 + i)},学生${i},${i % 2 ? '男' : '女'},${id},计算机学院,软件工程,本科,2026,138${String(i).padStart(8, '0')}`
      )
    }
    const file = Buffer.from(lines.join('\n'))
    const service = new RegistryImportService(njsfStaff)
    let t = performance.now()
    const preview = await service.preview(file, 'big.csv')
    const previewMs = performance.now() - t
    assert.equal(preview!.errorRows, 0)
    t = performance.now()
    const result = await service.confirm(preview!.id)
    const confirmMs = performance.now() - t
    assert.equal(result.created, 5000)
    const again = await service.preview(file, 'big.csv')
    t = performance.now()
    const second = await service.confirm(again!.id)
    const reimportMs = performance.now() - t
    assert.equal(second.updated, 0)
    const count = await db.from('graduates').where('school_id', njsf.id).count('* as total').first()
    assert.equal(Number(count.total), 5000)
    console.log(
      `registry import (${process.env.DB_CONNECTION ?? 'sqlite'}), 5000 rows: preview ${previewMs.toFixed(0)} ms, import ${confirmMs.toFixed(0)} ms, unchanged re-import ${reimportMs.toFixed(0)} ms`
    )
  }).timeout(180_000)
})
