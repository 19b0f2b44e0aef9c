import verification from '#core/employer/machines/verification'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import Employer from '#core/accounts/models/employer'
import User from '#core/accounts/models/user'
import files, { FileRejectedError } from '#core/files/file_service'
import StoredFile from '#core/files/models/stored_file'
import { isUniqueViolation } from '#core/database/errors'
import messages from '#core/messages/services/message_service'
import { LICENCE_PURPOSE } from '#core/files/core_purposes'
import { FieldErrors } from '#core/http/refusal'

/** A refusal tied to one form field, shown beside it (the other inputs are flashed back, never the password). */
function fieldError(field: string, message: string, code = 'invalid_input') {
  return new FieldErrors({ [field]: message }, { code })
}

export interface RegistrationData {
  company_name: string
  uscc: string
  contact_name: string
  mobile: string
  email: string
  password: string
}

export interface CompanyData {
  company_name: string
  uscc: string
  contact_name: string
  mobile: string
}

export interface ProfileData {
  intro?: string
  industry: string
  nature: string
  scale: string
  city: string
  address?: string
  website?: string
  contact_name: string
  contact_phone: string
  contact_email?: string
}

export { LICENCE_PURPOSE }

/**
 * 单位注册 and verification from the employer's side: register (pending), correct and resubmit
 * (back to pending), edit the company profile. The province decides pending → verified / rejected.
 */
export class EmployerAccounts {
  async #assertUsccFree(uscc: string, exceptEmployerId?: number) {
    const q = Employer.query().where('uscc', uscc)
    if (exceptEmployerId) q.whereNot('id', exceptEmployerId)
    if (await q.first())
      throw fieldError('uscc', '该统一社会信用代码已注册，请直接登录或联系省级管理员')
  }

  async register(data: RegistrationData, licence: MultipartFile | null | undefined) {
    const loginKey = User.loginKeyFor('employer', data.email)
    await this.#assertUsccFree(data.uscc)
    if (await User.findBy('loginKey', loginKey)) {
      throw fieldError('email', '该邮箱已注册单位账号，请直接登录')
    }
    let stored: StoredFile | null = null
    const trx = await db.transaction()
    try {
      stored = await files.store(licence, LICENCE_PURPOSE, { ownerId: null, trx })
      const employer = await Employer.create(
        {
          name: data.company_name,
          uscc: data.uscc,
          contactName: data.contact_name,
          contactPhone: data.mobile,
          contactEmail: data.email,
          licenceFileId: stored.id,
          ...verification.initial('pending'),
        },
        { client: trx }
      )
      const user = await User.create(
        {
          kind: 'employer',
          loginKey,
          username: data.email,
          password: data.password,
          name: data.contact_name,
          phone: data.mobile,
          email: data.email,
          employerId: employer.id,
          isActive: true,
        },
        { client: trx }
      )
      stored.ownerId = user.id
      await stored.useTransaction(trx).save()
      await trx.commit()
      await this.#tellProvince(employer, '新单位注册待审核')
      return { user, employer }
    } catch (error) {
      if (!trx.isCompleted) await trx.rollback()
      if (stored) await files.discard(stored).catch(() => {})
      if (error instanceof FileRejectedError) throw fieldError('licence', error.message, error.code)
      if (isUniqueViolation(error)) {
        // Two registrations raced past the checks above: the unique keys decide.
        throw fieldError('uscc', '该统一社会信用代码或邮箱已注册，请直接登录')
      }
      throw error
    }
  }

  /**
   * 修改并重新提交: a pending or rejected employer corrects its registration; it goes back to
   * 审核中 and the reason is cleared. A verified employer cannot change these fields here.
   */
  async resubmit(
    employer: Employer,
    userId: number,
    data: CompanyData,
    licence: MultipartFile | null | undefined
  ) {
    if (employer.status === 'verified')
      throw fieldError('company_name', '单位已认证，注册信息不能再修改')
    await this.#assertUsccFree(data.uscc, employer.id)
    let stored: StoredFile | null = null
    const oldFileId = employer.licenceFileId
    if (!licence && !oldFileId) throw fieldError('licence', '请上传营业执照')
    const trx = await db.transaction()
    try {
      if (licence) {
        stored = await files.store(licence, LICENCE_PURPOSE, { ownerId: userId, trx })
      }
      // Conditional: only from pending/rejected, so a verification decided meanwhile is not undone.
      const updated = await verification.applyWhere(trx, 'resubmit', employer.id, {
        set: {
          name: data.company_name,
          uscc: data.uscc,
          contact_name: data.contact_name,
          contact_phone: data.mobile,
          licence_file_id: stored ? stored.id : oldFileId,
          reject_reason: null,
        },
      })
      if (updated === 0) {
        throw fieldError('company_name', '单位认证状态已变化，请刷新页面')
      }
      await trx.commit()
    } catch (error) {
      if (!trx.isCompleted) await trx.rollback()
      if (stored) await files.discard(stored).catch(() => {})
      if (error instanceof FileRejectedError) throw fieldError('licence', error.message, error.code)
      if (isUniqueViolation(error))
        throw fieldError('uscc', '该统一社会信用代码已注册，请直接登录或联系省级管理员')
      throw error
    }
    if (stored && oldFileId) {
      const old = await StoredFile.find(oldFileId)
      await files
        .discard(old)
        .catch((e) => logger.warn({ err: e }, 'could not remove the replaced licence'))
    }
    await employer.refresh()
    await this.#tellProvince(employer, '单位修改注册信息后重新提交审核')
    return employer
  }

  async updateProfile(employer: Employer, data: ProfileData) {
    employer.merge({
      intro: data.intro ?? null,
      industry: data.industry,
      nature: data.nature,
      scale: data.scale,
      city: data.city,
      address: data.address ?? null,
      website: data.website ?? null,
      contactName: data.contact_name,
      contactPhone: data.contact_phone,
      contactEmail: data.contact_email ?? null,
    })
    await employer.save()
    return employer
  }

  async #tellProvince(employer: Employer, title: string) {
    const admins = await User.query().where('kind', 'admin').where('is_active', true).select('id')
    await messages.sendMany(
      admins.map((a) => ({
        userId: a.id,
        category: 'review',
        title,
        body: `${employer.name}（${employer.uscc}）等待单位认证审核。`,
        link: `/province/employers/${employer.id}`,
      }))
    )
  }
}

const employerAccounts = new EmployerAccounts()
export default employerAccounts
