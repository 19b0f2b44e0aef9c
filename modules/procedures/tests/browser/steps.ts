import { DateTime } from 'luxon'
import type { Page } from 'playwright'
import { PASSWORD } from '#database/factories/core'

/**
 * The steps the procedures browser flows share, on pages the flow opened: logging in (every account
 * of the world has the factories' password) and the employer's invitation form.
 */

/** Logs in on an open login page: 单位/管理登录 by account, 学生登录 by 学号. */
export async function logIn(page: Page, field: 'account' | 'student_number', login: string) {
  await page.locator(`input[name=${field}]`).fill(login)
  await page.locator('input[name=password]').fill(PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
}

/** Fills 发起签约 by school + 学号 + 姓名 for 张三 of 南京示范大学 (the form is open). */
export async function fillInvitation(page: Page) {
  await page.locator('#mode-manual').click()
  await page.locator('select[name=school_id]').selectOption({ label: '南京示范大学' })
  await page.locator('input[name=student_number]').fill('2026000001')
  await page.locator('input[name=name]').fill('张三')
  await page.locator('input[name=job_title]').fill('软件开发工程师')
  await page.locator('input[name=salary]').fill('10000-12000元/月')
  await page.locator('input[name=work_city]').fill('南京市')
  await page.locator('input[name=contact_name]').fill('刘经理')
  await page.locator('input[name=contact_phone]').fill('025-88880000')
  await page
    .locator('input[name=deadline]')
    .fill(DateTime.now().setZone('Asia/Shanghai').plus({ days: 5 }).toFormat("yyyy-MM-dd'T'HH:mm"))
}

/** Fills the 2021 (报到证) acceptance fields of an open invitation and checks 知晓约束力. */
export async function fillAcceptance2021(page: Page) {
  await page.locator('select[name=certificate_category]').selectOption('签往单位')
  await page.locator('input[name=certificate_unit]').fill('示范科技有限公司')
  await page.locator('input[name=archive_unit]').fill('南京市人才服务中心')
  await page.locator('input[name=hukou_address]').fill('南京市鼓楼区示范路 1 号')
  await page.locator('#accept-confirm').check()
}
