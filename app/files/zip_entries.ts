import { closeSync, fstatSync, openSync, readSync } from 'node:fs'

/**
 * Entry names of a zip archive, read from its central directory (no dependency, no extraction).
 * Enough to tell a real Office Open XML file from "any zip renamed to .docx": a Word document
 * has `[Content_Types].xml` and `word/document.xml`, a workbook `xl/workbook.xml`.
 */
// Reads are small (the 64 KB tail, then the central directory), so they are synchronous.
type Reader = (offset: number, length: number) => Buffer

const EOCD = 0x06054b50
const ZIP64_LOCATOR = 0x07064b50
const ZIP64_EOCD = 0x06064b50
const CENTRAL_ENTRY = 0x02014b50
/** EOCD is 22 bytes plus a comment of at most 65,535 bytes. */
const TAIL = 22 + 0xffff
/** Real documents have a few dozen entries; a bomb of entries is not worth reading. */
const MAX_ENTRIES = 10_000

function entryNames(size: number, read: Reader): string[] | null {
  if (size < 22) return null
  const tailStart = Math.max(0, size - TAIL)
  const tail = read(tailStart, size - tailStart)
  let at = -1
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i
      break
    }
  }
  if (at < 0) return null
  let count = tail.readUInt16LE(at + 10)
  let cdSize = tail.readUInt32LE(at + 12)
  let cdOffset = tail.readUInt32LE(at + 16)
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: the locator sits just before the EOCD and points at the zip64 EOCD record.
    const locatorAt = tailStart + at - 20
    if (locatorAt < 0) return null
    const locator = read(locatorAt, 20)
    if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) return null
    const recordAt = Number(locator.readBigUInt64LE(8))
    if (recordAt < 0 || recordAt + 56 > size) return null
    const record = read(recordAt, 56)
    if (record.readUInt32LE(0) !== ZIP64_EOCD) return null
    count = Number(record.readBigUInt64LE(32))
    cdSize = Number(record.readBigUInt64LE(40))
    cdOffset = Number(record.readBigUInt64LE(48))
  }
  if (count > MAX_ENTRIES || cdOffset + cdSize > size) return null
  const cd = read(cdOffset, cdSize)
  const names: string[] = []
  let p = 0
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_ENTRY) return null
    const nameLength = cd.readUInt16LE(p + 28)
    const extraLength = cd.readUInt16LE(p + 30)
    const commentLength = cd.readUInt16LE(p + 32)
    if (p + 46 + nameLength > cd.length) return null
    names.push(cd.subarray(p + 46, p + 46 + nameLength).toString('utf8'))
    p += 46 + nameLength + extraLength + commentLength
  }
  return names
}

/** Entry names of a zip held in memory, or null when it is not a readable zip. */
export function zipEntryNamesOf(buffer: Buffer) {
  try {
    return entryNames(buffer.length, (offset, length) => buffer.subarray(offset, offset + length))
  } catch {
    return null // a truncated record: not a readable zip
  }
}

/** Entry names of a zip file on disk (reads only its tail and central directory). */
export function zipEntryNamesAt(path: string) {
  const fd = openSync(path, 'r')
  try {
    return entryNames(fstatSync(fd).size, (offset, length) => {
      const buffer = Buffer.alloc(length)
      const bytesRead = readSync(fd, buffer, 0, length, offset)
      return buffer.subarray(0, bytesRead)
    })
  } catch {
    return null
  } finally {
    closeSync(fd)
  }
}

/** The parts an Office Open XML package must contain, per format. */
const REQUIRED_PARTS = {
  docx: ['[Content_Types].xml', 'word/document.xml'],
  xlsx: ['[Content_Types].xml', 'xl/workbook.xml'],
} as const

export type OoxmlKind = keyof typeof REQUIRED_PARTS

/** Whether these zip entries make a real .docx / .xlsx (not just a zip with a `word/` folder). */
export function isOoxml(names: string[] | null, kind: OoxmlKind) {
  if (!names) return false
  const present = new Set(names)
  return REQUIRED_PARTS[kind].every((part) => present.has(part))
}
