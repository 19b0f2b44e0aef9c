import User from '#core/accounts/models/user'
import { STUDENT_ABILITIES } from '#core/api/http'

/** A bearer token for a student, as POST /api/v1/auth/token issues it. */
export async function tokenFor(user: User, abilities: string[] = [...STUDENT_ABILITIES]) {
  const token = await User.accessTokens.create(user, abilities)
  return `Bearer ${token.value!.release()}`
}
