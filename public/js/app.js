// Toasts from HX-Trigger ({"toast": {"message", "type"}}) and htmx defaults shared by every page.
function showToast(message, type) {
  const box = document.getElementById('toasts')
  if (!box || !message) return
  const el = document.createElement('div')
  el.className = 'toast toast-' + (type || 'success')
  el.textContent = message
  box.appendChild(el)
  setTimeout(() => el.remove(), 3000)
}
document.addEventListener('toast', (e) => showToast(e.detail.message, e.detail.type))
document.addEventListener('htmx:responseError', (e) => {
  const status = e.detail.xhr.status
  if (status === 422) return
  showToast(status === 429 ? '操作过于频繁，请稍后再试' : status === 403 ? '没有权限执行此操作' : '操作失败，请稍后重试', 'error')
})
document.addEventListener('htmx:sendError', () => showToast('网络连接失败，请检查网络后重试', 'error'))
document.addEventListener('DOMContentLoaded', () => {
  if (window.htmx) {
    // 422 answers carry the form with errors beside the fields: swap them in.
    htmx.config.responseHandling = [
      { code: '204', swap: false },
      { code: '[23]..', swap: true },
      { code: '422', swap: true },
      { code: '[45]..', swap: false, error: true },
    ]
  }
})
