/** Front-end libraries served from the app itself (no CDN): /vendor/<name> → file under the app root. */
export const VENDOR_FILES: Record<string, string> = {
  'htmx.min.js': 'node_modules/htmx.org/dist/htmx.min.js',
  'alpine.min.js': 'node_modules/alpinejs/dist/cdn.min.js',
  'echarts.min.js': 'node_modules/echarts/dist/echarts.min.js',
}
