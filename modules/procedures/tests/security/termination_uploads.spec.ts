import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { mkdir, readdir, stat, utimes, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { DateTime } from 'luxon'
import { world, invite, acceptForm, fileTermination, PDF } from '#modules/procedures/tests/helpers'
import signingService from '#modules/procedures/services/signing_service'
import terminationService from '#modules/procedures/services/termination_service'
import Termination from '#modules/procedures/models/termination'
import audit from '#core/audit/audit_service'
import files, { MB, USER_QUOTA_BYTES } from '#core/files/file_service'
import { toDb } from '#core/database/time'
import jobRegistry from '#core/queue/job_registry'

/** 张三 holds an online agreement with the demo employer (a plan he may terminate). */
async function signed() {
  const w = await world()
  const invitation = await invite(w.employerUser, w.njsf.id)
  await signingService.accept(w.studentZhang, invitation.id, acceptForm)
  return w
}

/** Every file under the storage root (relative paths). */
async function storedOnDisk() {
  const root = files.root()
  try {
    const entries = (await readdir(root, { recursive: true })) as string[]
    const out: string[] = []
    for (const e of entries) if ((await stat(join(root, e))).isFile()) out.push(e)
    return out
  } catch {
    return []
  }
}

async function fileRows() {
  return Number((await db.from('files').count('* as n').first()).n)
}

test.group('解约材料：校验通过并写入申请后才保存文件', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('被拒绝的我要解约不保存任何上传文件', async ({ client, assert }) => {
    const w = await signed()
    const before = (await storedOnDisk()).length
    // Three refusals with a valid PDF attached: no description, an unknown reason, too long.
    const a = await fileTermination(client, w, { fields: { reason: '个人原因', description: '' } })
    a.assertFlashMessage('errorsBag', { description: '请填写解约描述' })
    const b = await fileTermination(client, w, {
      fields: { reason: '不想干了', description: '考研' },
    })
    b.assertFlashMessage('errorsBag', { reason: '请选择解约原因' })
    const c = await fileTermination(client, w, {
      fields: { reason: '个人原因', description: 'x'.repeat(1001) },
    })
    c.assertFlashMessage('errorsBag', { description: '解约描述不能超过 1000 个字符' })
    assert.equal(await fileRows(), 0)
    assert.lengthOf(await storedOnDisk(), before)

    // Accepted: exactly one file, referenced by the request.
    const ok = await fileTermination(client, w, {
      fields: { reason: '个人原因', description: '考研' },
    })
    ok.assertFlashMessage('success', '解约申请已提交')
    const termination = await Termination.query().firstOrFail()
    assert.lengthOf(termination.materialFileIds, 1)
    assert.equal(await fileRows(), 1)
    assert.lengthOf(await storedOnDisk(), before + 1)

    // A second request while one is open is refused before anything is stored.
    const again = await fileTermination(client, w, {
      fields: { reason: '个人原因', description: '考研' },
    })
    again.assertFlashMessage('error', '该就业方案已有正在办理的解约申请，请等待处理结果')
    assert.equal(await fileRows(), 1)
    assert.lengthOf(await storedOnDisk(), before + 1)
  })

  test('解约申请的事务失败时已移入存储的文件被删除', async ({ assert }) => {
    const w = await signed()
    const before = (await storedOnDisk()).length
    const original = audit.record.bind(audit)
    audit.record = async () => {
      throw new Error('database went away')
    }
    const { tmpdir } = await import('node:os')
    const tmp = join(tmpdir(), `termination-${process.pid}-${Date.now()}.pdf`)
    await writeFile(tmp, PDF)
    const upload: any = {
      tmpPath: tmp,
      size: PDF.length,
      clientName: '解约函.pdf',
      extname: 'pdf',
      state: 'consumed',
      errors: [],
      async move(location: string, options: { name: string }) {
        const { rename } = await import('node:fs/promises')
        await rename(tmp, join(location, options.name))
        this.state = 'moved'
      },
    }
    try {
      await assert.rejects(
        () =>
          terminationService.fileByStudent(
            w.studentZhang,
            { reason: '个人原因', description: '考研' },
            [upload]
          ),
        'database went away'
      )
    } finally {
      audit.record = original
    }
    assert.equal(upload.state, 'moved', 'the file had been stored inside the transaction')
    assert.equal(await fileRows(), 0)
    assert.lengthOf(await storedOnDisk(), before)
  })

  test('每位用户上传文件总量不超过 100 MB（中文提示，不保存）', async ({ client, assert }) => {
    const w = await signed()
    await db.table('files').insert({
      owner_id: w.studentZhang.id,
      purpose: 'termination_material',
      path: 'termination_material/old/used.pdf',
      original_name: '以前的材料.pdf',
      mime: 'application/pdf',
      size: USER_QUOTA_BYTES - 10,
      created_at: toDb(DateTime.now()),
    })
    const response = await fileTermination(client, w, {
      fields: { reason: '个人原因', description: '考研' },
    })
    response.assertFlashMessage('errorsBag', {
      materials: `您上传的文件总量不能超过 100 MB（已使用 ${((USER_QUOTA_BYTES - 10) / MB).toFixed(1)} MB，剩余 0.0 MB），本次上传未保存`,
    })
    assert.equal(await fileRows(), 1)
    assert.equal(
      await Termination.query()
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      0
    )
  })
})

test.group('孤立文件由后台任务清理', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('清理孤立文件：未被任何记录引用的旧文件和无记录的文件被删除，其余保留', async ({
    client,
    assert,
  }) => {
    const w = await signed()
    const ok = await fileTermination(client, w, {
      fields: { reason: '个人原因', description: '考研' },
    })
    ok.assertFlashMessage('success', '解约申请已提交')
    const kept = await Termination.query().firstOrFail()
    const keptId = kept.materialFileIds[0]

    const root = files.root()
    const put = async (relative: string, hoursAgo: number) => {
      const full = join(root, relative)
      await mkdir(dirname(full), { recursive: true })
      await writeFile(full, PDF)
      const when = new Date(Date.now() - hoursAgo * 3600_000)
      await utimes(full, when, when)
    }
    const row = async (relative: string, hoursAgo: number) => {
      const [id] = await db
        .table('files')
        .insert({
          owner_id: w.studentZhang.id,
          purpose: 'termination_material',
          path: relative,
          original_name: 'a.pdf',
          mime: 'application/pdf',
          size: PDF.length,
          created_at: toDb(DateTime.now().minus({ hours: hoursAgo })),
        })
        .returning('id')
      return Number(typeof id === 'object' ? id.id : id)
    }
    // An old unreferenced upload (what a refused request used to leave), a fresh one (a request
    // may still be running), stray bytes without a row, and a file of a folder nobody declared.
    await put('termination_material/2020/01/orphan.pdf', 48)
    const orphanId = await row('termination_material/2020/01/orphan.pdf', 48)
    await put('termination_material/2020/01/fresh.pdf', 1)
    const freshId = await row('termination_material/2020/01/fresh.pdf', 1)
    await put('termination_material/2020/01/stray.pdf', 48)
    await put('procedures/materials/legacy-stray.pdf', 48)
    await put('resumes/7/attachment.pdf', 48)
    await db
      .from('files')
      .where('id', keptId)
      .update({ created_at: toDb(DateTime.now().minus({ hours: 48 })) })

    assert.includeDeepMembers(
      (await jobRegistry.schedules()).map((s) => ({ name: s.name, queue: s.queue })),
      [{ name: 'files-orphan-sweep', queue: 'core' }]
    )
    const { Class } = await jobRegistry.resolve('files-orphan-sweep')
    await new Class().handle({}, { driver: 'sync' } as any)

    const ids = (await db.from('files').select('id')).map((r: any) => Number(r.id))
    assert.sameMembers(ids, [keptId, freshId])
    assert.notInclude(ids, orphanId)
    const disk = (await storedOnDisk()).map((p) => p.split('\\').join('/'))
    assert.notInclude(disk, 'termination_material/2020/01/orphan.pdf')
    assert.notInclude(disk, 'termination_material/2020/01/stray.pdf')
    assert.notInclude(disk, 'procedures/materials/legacy-stray.pdf')
    assert.include(disk, 'termination_material/2020/01/fresh.pdf')
    assert.include(disk, 'resumes/7/attachment.pdf')
    const keptFile = await db.from('files').where('id', keptId).first()
    assert.include(disk, keptFile.path)

    // Idempotent: a second run removes nothing more.
    assert.deepEqual(await files.sweepOrphans(), { rows: 0, strays: 0 })
  })
})
