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
  // The server already explained the refusal in a toast (HX-Trigger), e.g. 页面已过期.
  if (/"toast"/.test(e.detail.xhr.getResponseHeader('HX-Trigger') || '')) return
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

// 返回上一页 links (no inline javascript: URLs under the CSP); the href is the fallback.
document.addEventListener('click', (e) => {
  const link = e.target instanceof Element && e.target.closest('[data-history-back]')
  if (!link || history.length < 2) return
  e.preventDefault()
  history.back()
})
// Small behaviours declared by data attributes: inline on*="…" handlers are blocked by the CSP.
function refuse(e) {
  e.preventDefault()
  e.stopImmediatePropagation()
}
// <form data-confirm="确定…？"> asks before submitting; so does <button type="submit" data-confirm>.
document.addEventListener(
  'submit',
  (e) => {
    const form = e.target
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) refuse(e)
  },
  true
)
document.addEventListener(
  'click',
  (e) => {
    const el = e.target instanceof Element ? e.target : null
    const confirmed = el && el.closest('button[data-confirm], input[data-confirm]')
    if (confirmed && !window.confirm(confirmed.dataset.confirm)) return refuse(e)
    // data-requires="<field id>": the button needs that field filled in (e.g. 退回 needs a reason).
    const needs = el && el.closest('[data-requires]')
    if (needs) {
      const field = document.getElementById(needs.dataset.requires)
      if (field && !field.value.trim()) {
        window.alert(needs.dataset.requiresMessage || '请填写必填项')
        return refuse(e)
      }
    }
    if (el && el.closest('[data-print]')) window.print()
    const opener = el && el.closest('[data-open-dialog]')
    if (opener) document.getElementById(opener.dataset.openDialog)?.showModal()
    const closer = el && el.closest('[data-close-dialog]')
    if (closer) closer.closest('dialog')?.close()
  },
  true
)
// <select data-autosubmit> submits its filter form on change.
document.addEventListener('change', (e) => {
  const el = e.target
  if (el instanceof HTMLElement && el.hasAttribute('data-autosubmit') && el.form) el.form.submit()
})
