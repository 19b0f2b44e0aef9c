import subscriptionPush from '#modules/job_seeking/services/subscription_push'

/** Fan-out of one published job to the students whose intention matches (idempotent). */
export default class JobSubscriptionPush {
  static attempts = 5

  async handle(payload: { jobId: number }) {
    await subscriptionPush.pushJob(Number(payload.jobId))
  }
}
