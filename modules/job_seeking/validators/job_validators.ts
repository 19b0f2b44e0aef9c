import vine from '@vinejs/vine'

const optionalText = (max: number) => vine.string().trim().maxLength(max).optional()

export const jobValidator = vine.compile(
  vine.object({
    title: vine.string().trim().minLength(2).maxLength(100),
    category: vine.string().trim().maxLength(50),
    nature: vine.string().trim().maxLength(20),
    city: vine.string().trim().maxLength(50),
    industry: optionalText(100),
    salary_min: vine.number().withoutDecimals().min(0).max(1000000).optional(),
    salary_max: vine.number().withoutDecimals().min(0).max(1000000).optional(),
    education: optionalText(20),
    headcount: vine.number().withoutDecimals().min(1).max(10000).optional(),
    requirements: optionalText(5000),
    description: vine.string().trim().minLength(10).maxLength(10000),
    contact_name: optionalText(50),
    contact_phone: optionalText(30),
    contact_email: vine.string().trim().email().maxLength(255).optional(),
    deadline: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  })
)

export const intentionValidator = vine.compile(
  vine.object({
    type: vine.enum(['employment', 'further_study', 'abroad', 'civil_service', 'startup', 'none']),
    job_nature: optionalText(20),
    cities: vine.array(vine.string().trim().maxLength(50)).maxLength(10).optional(),
    categories: vine.array(vine.string().trim().maxLength(50)).maxLength(10).optional(),
    industries: vine.array(vine.string().trim().maxLength(100)).maxLength(10).optional(),
    employer_natures: vine.array(vine.string().trim().maxLength(50)).maxLength(10).optional(),
    employer_scales: vine.array(vine.string().trim().maxLength(50)).maxLength(10).optional(),
    expected_salary: optionalText(50),
    subscribed: vine.boolean().optional(),
    frequency: vine.enum(['immediate', 'daily', 'weekly']).optional(),
  })
)

export const interviewValidator = vine.compile(
  vine.object({
    mode: vine.enum(['onsite', 'video']),
    starts_at: vine
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
    place: optionalText(255),
    video_link: vine
      .string()
      .trim()
      .url({ require_protocol: true, protocols: ['http', 'https'] })
      .maxLength(500)
      .optional(),
    letter: vine.string().trim().minLength(5).maxLength(5000),
  })
)

/** 新建简历: just its title (optional; the service names an untitled one). */
export const newResumeValidator = vine.compile(
  vine.object({ title: vine.string().trim().maxLength(100).optional() })
)

export const resumeBasicsValidator = vine.compile(
  vine.object({
    title: vine.string().trim().minLength(1).maxLength(100),
    name: vine.string().trim().minLength(1).maxLength(50),
    gender: optionalText(10),
    birth_date: optionalText(20),
    phone: vine
      .string()
      .trim()
      .regex(/^1\d{10}$/)
      .optional(),
    email: vine.string().trim().email().maxLength(255).optional(),
    city: optionalText(50),
    political_status: optionalText(20),
    intention_position: optionalText(100),
    intention_cities: optionalText(200),
    intention_salary: optionalText(50),
    intention_nature: optionalText(20),
    school: vine.string().trim().minLength(1).maxLength(100),
    college: optionalText(100),
    major: vine.string().trim().minLength(1).maxLength(100),
    degree: optionalText(20),
    start_date: optionalText(20),
    end_date: optionalText(20),
    courses: optionalText(1000),
  })
)

export const sectionValidator = vine.compile(
  vine.object({
    kind: vine.string().trim().maxLength(30),
    content: vine.string().trim().maxLength(5000).optional(),
  })
)
