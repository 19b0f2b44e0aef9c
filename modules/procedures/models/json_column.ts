/** JSON stored as text (SQLite returns strings, PostgreSQL may return objects): stringify on write, parse on read. */
export function jsonColumn<T>(fallback: T) {
  return {
    prepare: (value: T | null) =>
      value === null || value === undefined ? null : JSON.stringify(value),
    consume: (value: unknown): T => {
      if (value === null || value === undefined || value === '') return fallback
      if (typeof value !== 'string') return value as T
      try {
        return JSON.parse(value) as T
      } catch {
        return fallback
      }
    },
  }
}
