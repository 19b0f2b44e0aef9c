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

// ---- One in-page confirmation (components/confirm_dialog.edge) ----
// Binding or destructive actions ask here, never in the browser's native box: it looks the same on phones,
// follows the platform's style and can be driven by tests. askConfirm() resolves true on 确定, false on
// 取消 / Esc / a click on the backdrop.
let pendingConfirm = null
function askConfirm(options) {
  const dialog = document.getElementById('confirm-dialog')
  if (!dialog || typeof dialog.showModal !== 'function') return Promise.resolve(false)
  if (pendingConfirm) pendingConfirm(false)
  dialog.querySelector('#confirm-dialog-title').textContent = options.title || '请确认'
  dialog.querySelector('#confirm-dialog-message').textContent = options.message || ''
  const ok = dialog.querySelector('[data-confirm-ok]')
  ok.textContent = options.okLabel || '确定'
  ok.className = 'btn ' + (options.danger ? 'btn-danger-solid' : 'btn-primary')
  return new Promise((resolve) => {
    pendingConfirm = (answer) => {
      pendingConfirm = null
      if (dialog.open) dialog.close()
      resolve(answer)
    }
    dialog.showModal()
    // A binding action is never confirmed by an accidental Enter: focus starts on 取消.
    dialog.querySelector('[data-confirm-cancel]').focus()
  })
}
document.addEventListener('DOMContentLoaded', () => {
  const dialog = document.getElementById('confirm-dialog')
  if (!dialog) return
  dialog.addEventListener('click', (e) => {
    if (!pendingConfirm) return
    if (e.target.closest('[data-confirm-ok]')) pendingConfirm(true)
    else if (e.target.closest('[data-confirm-cancel]') || (e.target === dialog && outside(dialog, e))) pendingConfirm(false)
  })
  // Esc (the dialog's cancel event) answers 取消.
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault()
    if (pendingConfirm) pendingConfirm(false)
  })
  dialog.addEventListener('close', () => pendingConfirm && pendingConfirm(false))
  // Focus trap: Tab and Shift+Tab cycle between the dialog's buttons.
  dialog.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab') return
    const items = [...dialog.querySelectorAll('button:not([disabled])')]
    const i = items.indexOf(document.activeElement)
    const next = e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : i === items.length - 1 ? 0 : i + 1
    e.preventDefault()
    items[next].focus()
  })
})
/** A click on the backdrop targets the dialog itself, outside its box. */
function outside(dialog, e) {
  const r = dialog.getBoundingClientRect()
  return e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom
}
/** The dialog's texts for an element: data-confirm-title / -ok / -danger on it or an ancestor. */
function confirmOptions(el, message) {
  const holder = (name) => el.closest('[data-confirm-' + name + ']')
  return {
    message,
    title: holder('title')?.dataset.confirmTitle,
    okLabel: holder('ok')?.dataset.confirmOk,
    danger: !!holder('danger'),
  }
}
// hx-confirm: htmx asks through its htmx:confirm event; the request goes only after 确定.
document.addEventListener('htmx:confirm', (e) => {
  const question = e.detail.question
  if (!question) return
  e.preventDefault()
  askConfirm(confirmOptions(e.detail.elt, question)).then((ok) => ok && e.detail.issueRequest(true))
})
// <form data-confirm="…"> asks before submitting; the confirmed form is submitted again with its submitter.
const confirmedForms = new WeakSet()
document.addEventListener(
  'submit',
  (e) => {
    const form = e.target
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return
    if (confirmedForms.has(form)) return confirmedForms.delete(form)
    refuse(e)
    const submitter = e.submitter
    askConfirm(confirmOptions(form, form.dataset.confirm)).then((ok) => {
      if (!ok) return
      confirmedForms.add(form)
      form.requestSubmit(submitter && submitter.form === form ? submitter : undefined)
    })
  },
  true
)
// <button data-confirm>, <input data-confirm>, <a data-confirm>: asked on click, clicked again after 确定.
const confirmedClicks = new WeakSet()
document.addEventListener(
  'click',
  (e) => {
    const el = e.target instanceof Element ? e.target : null
    // data-requires="<field id>": the button needs that field filled in (e.g. 退回 needs a reason).
    const needs = el && el.closest('[data-requires]')
    if (needs) {
      const field = document.getElementById(needs.dataset.requires)
      if (field && !field.value.trim()) {
        showToast(needs.dataset.requiresMessage || '请填写必填项', 'error')
        field.focus()
        return refuse(e)
      }
    }
    const asking = el && el.closest('button[data-confirm], input[data-confirm], a[data-confirm]')
    if (asking && confirmedClicks.has(asking)) {
      confirmedClicks.delete(asking)
      // The form's own data-confirm, if any, was answered by this click already.
      if (asking.form && asking.form.dataset.confirm) confirmedForms.add(asking.form)
    } else if (asking) {
      refuse(e)
      askConfirm(confirmOptions(asking, asking.dataset.confirm)).then((ok) => {
        if (!ok) return
        confirmedClicks.add(asking)
        asking.click()
      })
      return
    }
    if (el && el.closest('[data-print]')) window.print()
    const opener = el && el.closest('[data-open-dialog]')
    if (opener) document.getElementById(opener.dataset.openDialog)?.showModal()
    const closer = el && el.closest('[data-close-dialog]')
    if (closer) closer.closest('dialog')?.close()
  },
  true
)
// <button data-countdown> (获取验证码): the server answers the seconds until it may be asked again in
// Retry-After, on a success and on a 429 alike; the button counts them down and its refusal text is shown
// in its target instead of a generic toast.
document.addEventListener('htmx:beforeSwap', (e) => {
  const elt = e.detail.requestConfig && e.detail.requestConfig.elt
  if (e.detail.xhr.status === 429 && elt && elt.closest('[data-countdown]')) {
    e.detail.shouldSwap = true
    e.detail.isError = false
  }
})
document.addEventListener('htmx:afterRequest', (e) => {
  const button = e.detail.elt instanceof Element && e.detail.elt.closest('[data-countdown]')
  const seconds = Number(e.detail.xhr.getResponseHeader('Retry-After'))
  if (button && seconds > 0) startCountdown(button, seconds)
})
function startCountdown(button, seconds) {
  clearInterval(button._countdown)
  const label = button.dataset.countdownLabel || (button.dataset.countdownLabel = button.innerHTML)
  const until = Date.now() + seconds * 1000
  const tick = () => {
    const left = Math.ceil((until - Date.now()) / 1000)
    if (left <= 0) {
      clearInterval(button._countdown)
      button.disabled = false
      button.innerHTML = label
      return
    }
    button.disabled = true
    button.textContent = left >= 120 ? `${Math.ceil(left / 60)} 分钟后重新获取` : `${left} 秒后重新获取`
  }
  tick()
  button._countdown = setInterval(tick, 1000)
}
// <select data-autosubmit> submits its filter form on change.
document.addEventListener('change', (e) => {
  const el = e.target
  if (el instanceof HTMLElement && el.hasAttribute('data-autosubmit') && el.form) el.form.submit()
})
