import { rmSync } from 'node:fs'
import files from '#core/files/file_service'

/** Small files whose CONTENT is what the name says (or not). */
export const uploads = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  png: Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fe0dc8e3d30000000049454e44ae426082',
    'hex'
  ),
  textPretendingToBePdf: Buffer.from('这不是营业执照，只是一段文字。\n'.repeat(400)),
  exe: Buffer.from('4d5a90000300000004000000ffff0000', 'hex'),
}

/** A valid registration (the USCC has a correct GB 32100 check character). */
export function registration(overrides: Record<string, string> = {}) {
  return {
    company_name: '江苏新测科技有限公司',
    uscc: '91350100M000100Y43',
    contact_name: '王主任',
    mobile: '13912345678',
    email: 'hr@xince.example',
    password: 'Hello2026x',
    password_confirmation: 'Hello2026x',
    ...overrides,
  }
}

export function clearStorage() {
  rmSync(files.root(), { recursive: true, force: true })
}
