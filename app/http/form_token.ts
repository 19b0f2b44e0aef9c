import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { isUniqueViolation } from '#core/database/errors'
import { nowDb, toDb } from '#core/database/time'
import { redirectTo, toast } from '#core/http/htmx'

/**
 * Idempotent create forms (issue 9 item 7). A create form carries a one-time token (hidden
 * field `_form`, issued when the form renders: `{{ formTokenField() }}` in Edge). Its first
 * submit claims the token in `form_submissions` (unique per user + token, so it holds across
 * web processes); a second submit of the same form (double click, resent request, back
 * button) finds the claim and, instead of creating again, is sent to what the first one
 * created with the message below.
 *
 * A request without a (well-formed) token is an ordinary create: the token protects the
 * user against accidental repeats, it is not an access control (CSRF is).
 */
export const FORM_TOKEN_FIELD = '_form'
export const DUPLICATE_SUBMIT_MESSAGE = '请勿重复提交，已为您保留第一次提交的结果'
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/
/** A claim without a result this old belongs to a request that died mid-way: it may be retaken. */
const STALE_CLAIM_MINUTES = 5

export function issueFormToken() {
  return randomBytes(18).toString('base64url')
}

/** The hidden field of a fresh token (the Edge global `formTokenField()`, start/view.ts). */
export function formTokenField() {
  return `<input type="hidden" name="${FORM_TOKEN_FIELD}" value="${issueFormToken()}">`
}

/** The submitted token, or null when absent or malformed (an array, a long string …). */
export function submittedFormToken(ctx: HttpContext): string | null {
  const value = ctx.request.input(FORM_TOKEN_FIELD)
  return typeof value === 'string' && TOKEN.test(value) ? value : null
}

function ownerOf(ctx: HttpContext): number {
  return ctx.auth?.use('web').user?.id ?? 0
}

/** The form was submitted before: thrown by a claim, answered by `answerDuplicate`. */
export class DuplicateSubmission extends Error {
  constructor(
    public owner: number,
    public token: string
  ) {
    super(DUPLICATE_SUBMIT_MESSAGE)
  }
}

/**
 * Claims the request's token with `client`. Given a transaction, the claim commits or rolls
 * back with the create (PostgreSQL makes a concurrent second claim wait for the first
 * transaction, then fail). Returns the claim id, or null for a request without a token.
 * Throws DuplicateSubmission when the token was claimed already.
 */
export async function claimFormToken(
  ctx: HttpContext,
  client: QueryClientContract = db.connection()
): Promise<number | null> {
  const token = submittedFormToken(ctx)
  if (!token) return null
  const owner = ownerOf(ctx)
  try {
    const [row] = await client
      .table('form_submissions')
      .insert({ user_id: owner, token, created_at: nowDb() })
      .returning('id')
    return typeof row === 'object' ? Number((row as any).id) : Number(row)
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateSubmission(owner, token)
    throw error
  }
}

/** Records where the first submit's result lives (the second is sent there). */
export async function recordFormResult(
  claimId: number | null,
  url: string,
  client: QueryClientContract = db.connection()
) {
  if (claimId === null) return
  await client.from('form_submissions').where('id', claimId).update({ result_url: url })
}

/**
 * Answers a repeated submit: to the first submit's record, or to `fallback` (the list) while
 * the first is still being processed. Call outside any transaction.
 */
export async function answerDuplicate(
  ctx: HttpContext,
  duplicate: DuplicateSubmission,
  fallback: string
) {
  const row = await db
    .from('form_submissions')
    .where('user_id', duplicate.owner)
    .where('token', duplicate.token)
    .first()
  toast(ctx, DUPLICATE_SUBMIT_MESSAGE, 'info')
  return redirectTo(ctx, row?.result_url || fallback)
}

/**
 * Runs a create whose service opens its own transaction: the token is claimed first (its own
 * statement), `created(url)` records the result, and a create that ends without a result
 * (refused, failed validation, threw) releases the claim so the corrected form can be sent
 * with the same token. A second submit while the first runs finds the claim and goes to
 * `fallback`; once the first is done, to its record.
 */
export async function formOnce<T>(
  ctx: HttpContext,
  fallback: string,
  create: (created: (url: string) => void) => Promise<T>
) {
  let claimId: number | null
  try {
    claimId = await claimFormToken(ctx)
  } catch (error) {
    if (!(error instanceof DuplicateSubmission)) throw error
    // A claim left without a result by a request that died mid-way may be retaken once.
    const stale = await db
      .from('form_submissions')
      .where('user_id', error.owner)
      .where('token', error.token)
      .whereNull('result_url')
      .where('created_at', '<', toDb(DateTime.now().minus({ minutes: STALE_CLAIM_MINUTES })))
      .delete()
    if (!Number(stale)) return answerDuplicate(ctx, error, fallback)
    claimId = await claimFormToken(ctx).catch((again) => {
      if (again instanceof DuplicateSubmission) return -1
      throw again
    })
    if (claimId === -1) return answerDuplicate(ctx, error, fallback)
  }
  let resultUrl: string | null = null
  const release = async () => {
    if (claimId !== null) await db.from('form_submissions').where('id', claimId).delete()
  }
  try {
    const result = await create((url) => {
      resultUrl = url
    })
    if (resultUrl) await recordFormResult(claimId, resultUrl)
    else await release()
    return result
  } catch (error) {
    await release()
    throw error
  }
}
