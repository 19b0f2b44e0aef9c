import subscriptionPush from '#modules/job_seeking/services/subscription_push'

/** Repeatable: the weekly digest of pushed jobs (one 站内消息 per student). */
export default class JobPushDigestWeekly {
  async handle() {
    await subscriptionPush.sendDigest('weekly')
  }
}
