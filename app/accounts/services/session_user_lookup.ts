import { SessionLucidUserProvider } from '@adonisjs/auth/session'
import User from '#core/accounts/models/user'

/**
 * The session guard's user lookup (`User.find(id)` on every logged-in request) also brings the
 * user's unread 站内消息 count, as a scalar subquery of the same statement (index
 * messages(user_id, read_at)): the auth middleware's badge count then needs no round trip of its
 * own. Read in the same request as before, so never stale; only for the `User` model (another
 * model keeps the stock lookup). Installed once at boot (providers/platform_provider.ts).
 */
export const UNREAD_EXTRA = 'unread_messages'

export function lookUpUsersWithUnreadCount() {
  const proto = SessionLucidUserProvider.prototype as any
  if (proto.__withUnread) return
  const stock = proto.findById
  proto.findById = async function (this: any, identifier: string | number | BigInt) {
    const model = await this.getModel()
    if (model !== User) return stock.call(this, identifier)
    const user = await User.query()
      .select('users.*')
      .select(
        User.query()
          .client.from('messages')
          .whereColumn('messages.user_id', 'users.id')
          .whereNull('messages.read_at')
          .count('*')
          .as(UNREAD_EXTRA)
      )
      .where('users.id', identifier as any)
      .first()
    return user ? this.createUserForGuard(user) : null
  }
  proto.__withUnread = true
}

/** The unread count read with the user in this request, if the lookup above made it. */
export function unreadReadWithUser(user: User): number | undefined {
  const value = user.$extras[UNREAD_EXTRA]
  return value === undefined || value === null ? undefined : Number(value)
}
