import type { Page } from 'playwright'

/** Clicks 确定 in the platform's in-page confirmation dialog (components/confirm_dialog.edge). */
export async function confirmInPage(page: Page) {
  const ok = page.locator('#confirm-dialog-ok')
  await ok.waitFor({ state: 'visible' })
  await ok.click()
}

/**
 * For long flows that are not about confirmations (tests/browser/dialogs.spec.ts is): every in-page
 * confirmation of the page is answered 确定 as soon as it opens, as `page.on('dialog', accept)` did.
 */
export async function autoConfirm(page: Page) {
  // A script string: the test project has no DOM types.
  await page.addInitScript(`document.addEventListener('DOMContentLoaded', () => {
    const dialog = document.getElementById('confirm-dialog')
    if (!dialog) return
    new MutationObserver(() => {
      // After the dialog has finished opening (its OK handler is bound as it opens).
      if (dialog.hasAttribute('open'))
        setTimeout(() => document.getElementById('confirm-dialog-ok').click(), 100)
    }).observe(dialog, { attributes: true, attributeFilter: ['open'] })
  })`)
}
