import { open } from 'node:fs/promises'

/**
 * File types recognised by their CONTENT (magic bytes), not by the name a browser sends.
 * Office Open XML files (docx, xlsx) are zip archives: the zip signature plus the extension decide.
 */
export type FileKind = 'pdf' | 'jpg' | 'png' | 'gif' | 'docx' | 'xlsx' | 'doc' | 'zip' | 'csv'

export const KIND_INFO: Record<FileKind, { label: string; mime: string; extnames: string[] }> = {
  pdf: { label: 'PDF', mime: 'application/pdf', extnames: ['pdf'] },
  jpg: { label: 'JPG', mime: 'image/jpeg', extnames: ['jpg', 'jpeg'] },
  png: { label: 'PNG', mime: 'image/png', extnames: ['png'] },
  gif: { label: 'GIF', mime: 'image/gif', extnames: ['gif'] },
  docx: {
    label: 'Word',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extnames: ['docx'],
  },
  xlsx: {
    label: 'Excel',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extnames: ['xlsx'],
  },
  doc: { label: 'Word 97-2003', mime: 'application/msword', extnames: ['doc'] },
  zip: { label: 'ZIP', mime: 'application/zip', extnames: ['zip'] },
  csv: { label: 'CSV', mime: 'text/csv', extnames: ['csv'] },
}

const startsWith = (head: Buffer, bytes: number[], offset = 0) =>
  head.length >= offset + bytes.length && bytes.every((b, i) => head[offset + i] === b)

/** The kind the first bytes prove, using the extension only to tell zip-based formats apart. */
export function detectKind(head: Buffer, extname = ''): FileKind | null {
  const ext = extname.toLowerCase().replace(/^\./, '')
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf' // %PDF-
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpg'
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'gif' // GIF8
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return ext === 'doc' ? 'doc' : null
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    if (ext === 'docx') return 'docx'
    if (ext === 'xlsx') return 'xlsx'
    return 'zip'
  }
  // Text has no magic bytes: a .csv whose first bytes are no binary signature and hold no NUL
  // (the import parser checks the whole file and its encoding).
  if (ext === 'csv' && head.length > 0 && !head.includes(0)) return 'csv'
  return null
}

export async function readHead(path: string, bytes = 16) {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}
