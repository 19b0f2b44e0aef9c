import { randomBytes } from 'node:crypto'

// No 0/O, 1/I: codes are read out and typed at the door.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** 12 characters from 32 symbols: 60 random bits, unguessable; unique in the database. */
export function newTicketCode() {
  const bytes = randomBytes(12)
  let code = ''
  for (const byte of bytes) code += ALPHABET[byte & 31]
  return code
}

/** What staff typed or a scanner sent: upper case, dashes and spaces dropped. */
export function normaliseTicketCode(input: string | null | undefined) {
  return String(input ?? '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 32)
}
