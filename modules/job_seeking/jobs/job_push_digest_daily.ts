import subscriptionPush from '#modules/job_seeking/services/subscription_push'

/** Repeatable: the daily digest of pushed jobs (one 站内消息 per student). */
export default class JobPushDigestDaily {
  async handle() {
    await subscriptionPush.sendDigest('daily')
  }
}
