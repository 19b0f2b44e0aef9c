import { SimpleMessagesProvider } from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'

/** Chinese messages and field names of this module's forms (errors render beside the fields). */
export const messagesProvider = new SimpleMessagesProvider(
  {
    required: '请填写{{ field }}',
    string: '{{ field }}格式不正确',
    number: '{{ field }}必须是数字',
    min: '{{ field }}不能小于 {{ min }}',
    max: '{{ field }}不能大于 {{ max }}',
    minLength: '{{ field }}至少 {{ min }} 个字符',
    maxLength: '{{ field }}不能超过 {{ max }} 个字符',
    email: '请输入正确的电子邮箱',
    url: '请输入以 http:// 或 https:// 开头的链接',
    regex: '{{ field }}格式不正确',
    in: '请选择有效的{{ field }}',
    enum: '请选择有效的{{ field }}',
    date: '请输入正确的日期',
    withoutDecimals: '{{ field }}必须是整数',
    array: '请选择{{ field }}',
    distinct: '{{ field }}有重复项',
    boolean: '{{ field }}取值不正确',
  },
  {
    title: '职位名称',
    category: '职位类别',
    nature: '工作性质',
    city: '工作城市',
    industry: '所属行业',
    salary_min: '最低月薪',
    salary_max: '最高月薪',
    education: '学历要求',
    headcount: '招聘人数',
    requirements: '任职要求',
    description: '职位描述',
    contact_name: '联系人',
    contact_phone: '联系电话',
    contact_email: '联系邮箱',
    deadline: '截止日期',
    type: '意向类型',
    job_nature: '工作性质',
    cities: '工作城市',
    categories: '期望职位',
    industries: '期望行业',
    employer_natures: '期望单位性质',
    employer_scales: '期望单位规模',
    expected_salary: '期望年薪',
    frequency: '推送频率',
    mode: '面试方式',
    starts_at: '面试时间',
    place: '面试地点',
    video_link: '视频面试链接',
    letter: '邀请函内容',
    status: '状态',
    resume_id: '简历',
    name: '姓名',
    phone: '手机号码',
    email: '电子邮箱',
    school: '学校',
    major: '专业',
    degree: '学历',
    content: '内容',
    kind: '栏目',
  }
)

/** Redirect back with errors beside the fields (and the old input), for business-rule refusals. */
export function backWithErrors(ctx: HttpContext, errors: Record<string, string>) {
  ctx.session.flashAll()
  ctx.session.flash('errorsBag', errors)
  return ctx.response.redirect().back()
}

export class FieldError extends Error {
  constructor(
    public field: string,
    message: string
  ) {
    super(message)
  }
}
