import factory from '@adonisjs/lucid/factories'
import { DateTime } from 'luxon'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import Exhibitor from '#modules/events/models/exhibitor'
import { next } from '#database/factories/core'

/** A day from now at an hour of Beijing time (events are organised in Beijing time). */
export function day(days: number, hour: number) {
  return DateTime.now()
    .startOf('hour')
    .plus({ days })
    .setZone('Asia/Shanghai')
    .set({ hour, minute: 0 })
    .toUTC()
}

/**
 * 招聘会 / 宣讲会 of the test world: published, offline, a week from now with registration open
 * now. Merge `siteId` (and `schoolId` for a school's event); states for an info session
 * (`session`, merge `employerId`), an online fair (`online`), one awaiting review (`pending`)
 * and one that is over (`past`). Lucid applies states after `merge()`, so a state only sets what
 * makes it that kind of event.
 */
export const RecruitmentEventFactory = factory
  .define(RecruitmentEvent, () => {
    const n = next()
    return {
      kind: 'fair' as const,
      title: `测试双选会${n}`,
      mode: 'offline' as const,
      city: '南京市',
      place: `测试体育馆${n}`,
      startsAt: day(7, 9),
      endsAt: day(7, 16),
      registrationStartsAt: DateTime.now().minus({ days: 1 }),
      registrationEndsAt: day(6, 18),
      capacity: 300,
      taken: 0,
      status: 'published' as const,
      description: '测试双选会的介绍。',
    }
  })
  .state('session', (event) => {
    event.kind = 'session'
    // States run after merge(): only the default title is replaced.
    if (event.title.startsWith('测试双选会')) event.title = event.title.replace('双选会', '宣讲会')
  })
  .state('online', (event) => {
    event.mode = 'online'
    event.place = null
    event.onlineUrl = 'https://example.com/online-fair'
    event.registrationStartsAt = null
    event.registrationEndsAt = null
    event.capacity = null
  })
  .state('pending', (event) => {
    event.status = 'pending'
  })
  .state('past', (event) => {
    event.startsAt = day(-7, 9)
    event.endsAt = day(-7, 16)
    event.registrationStartsAt = DateTime.now().minus({ days: 20 })
    event.registrationEndsAt = day(-8, 18)
  })
  .build()

/**
 * 参展单位 of a fair: merge `eventId` and `employerId`. An application awaiting the organiser by
 * default; `approved` / `rejected` are review results (reviewed now unless `reviewedAt` is merged).
 */
export const ExhibitorFactory = factory
  .define(Exhibitor, () => ({ status: 'pending' as const }))
  .state('approved', (exhibitor) => {
    exhibitor.status = 'approved'
    exhibitor.reviewedAt ??= DateTime.now()
  })
  .state('rejected', (exhibitor) => {
    exhibitor.status = 'rejected'
    exhibitor.rejectReason ??= '展位已满'
    exhibitor.reviewedAt ??= DateTime.now()
  })
  .build()
