import { existsSync, rmSync } from 'node:fs'
import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import { browserClient } from '@japa/browser-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { sessionBrowserClient } from '@adonisjs/session/plugins/browser_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { authBrowserClient } from '@adonisjs/auth/plugins/browser_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import testUtils from '@adonisjs/core/services/test_utils'
import { chromium } from 'playwright'
import { capabilities } from '#tests/helpers/capabilities'
import { resetDatabase, useFastTruncate } from '#tests/helpers/database'

export const plugins: Config['plugins'] = [
  assert(),
  pluginAdonisJS(app),
  apiClient(),
  sessionApiClient(app),
  shieldApiClient(),
  authApiClient(app),
  browserClient({
    runInSuites: ['browser', 'security'],
    launcher: (options) =>
      chromium.launch({
        ...options,
        executablePath: capabilities.chromiumPath ?? undefined,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--host-resolver-rules=MAP *.localhost 127.0.0.1, MAP localhost 127.0.0.1',
        ],
      }),
  }),
  sessionBrowserClient(app),
  authBrowserClient(app),
]

export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    () => capabilities.assertNothingSkippedInCi(),
    () => testUtils.db().migrate(),
    () => useFastTruncate(),
    () => resetDatabase(),
  ],
  teardown: [
    // 操作日志只说中文: a name written to the audit log during the run without a Chinese label fails it.
    async () => {
      const { default: auditLabels } = await import('#core/audit/labels')
      const missing = await auditLabels.unlabelledWritten()
      if (missing.length)
        throw new Error(
          `操作日志写入了没有中文名的名称（在 #core/audit/labels 或模块 manifest 的 audit 中补上）：\n${missing.join('\n')}`
        )
    },
    () => {
      const file = process.env.SQLITE_FILE
      if (process.env.DB_CONNECTION === 'sqlite' && file && file.startsWith('tmp/test-')) {
        for (const suffix of ['', '-wal', '-shm']) {
          if (existsSync(app.makePath(file + suffix))) rmSync(app.makePath(file + suffix))
        }
      }
    },
  ],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (suite.name === 'browser' && !capabilities.chromiumPath) {
    // No Chromium on this machine: the browser suite is reported as skipped with the reason.
    suite.onGroup((group) =>
      group.tap((test) => test.skip(true, 'Chromium not installed (apt-get install chromium)'))
    )
    suite.onTest((test) => test.skip(true, 'Chromium not installed (apt-get install chromium)'))
  }
  if (['browser', 'functional', 'security'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
