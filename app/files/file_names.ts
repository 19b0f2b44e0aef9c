/**
 * Names of uploaded files as shown and offered for download. A client chooses the name, so it
 * may carry a right-to-left override (`invoice\u202Efdp.exe` displays as `invoiceexe.pdf`),
 * control characters, or a path (`../../x`). Cleaned when stored and again when sent.
 */

// C0/C1 controls, bidi embeddings/overrides/isolates/marks, zero-width characters, BOM.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g
// Characters Windows refuses in names (a saved download would fail or be renamed).
const RESERVED = /[<>:"|?*]/g
const MAX_LENGTH = 120

/**
 * A display/download name: no invisible or bidi characters, no directories, no leading dots,
 * at most 120 characters, ending in one of the detected kind's extensions (`a.exe` stored as a
 * PDF becomes `a.exe.pdf`). Falls back to `file.<ext>`.
 */
export function safeFileName(name: string | null | undefined, extnames: string[] = []): string {
  let clean = String(name ?? '')
    .normalize('NFC')
    .replace(INVISIBLE, '')
  clean = clean.split(/[\\/]/).pop() ?? ''
  clean = clean
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '')
  const ext = extnames[0]
  const lower = clean.toLowerCase()
  const hasExt = !ext || extnames.some((e) => lower.endsWith(`.${e.toLowerCase()}`))
  const suffix = hasExt ? '' : `.${ext}`
  const chars = [...clean]
  if (chars.length + suffix.length > MAX_LENGTH) {
    // Keep the end (it holds the extension) and as much of the start as fits.
    const dot = hasExt && ext ? clean.lastIndexOf('.') : -1
    const tail = dot > 0 ? clean.slice(dot) : ''
    const head = [...(dot > 0 ? clean.slice(0, dot) : clean)].slice(
      0,
      MAX_LENGTH - suffix.length - [...tail].length
    )
    clean = head.join('').trimEnd() + tail
  }
  if (!clean.replace(/\.[^.]*$/, '')) return ext ? `file.${ext}` : 'file'
  return clean + suffix
}

/** RFC 5987 value: UTF-8, percent-encoded, also the characters RFC 3986 leaves unescaped. */
function encodeExtValue(value: string) {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

/**
 * `Content-Disposition` with an ASCII `filename` for old clients and the real name in
 * `filename*` (RFC 6266 / RFC 5987); the name is cleaned first.
 */
export function contentDisposition(
  name: string,
  type: 'inline' | 'attachment' = 'attachment',
  extnames: string[] = []
) {
  const safe = safeFileName(name, extnames)
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_')
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(safe)}`
}
