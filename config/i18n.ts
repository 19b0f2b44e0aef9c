import app from '@adonisjs/core/services/app'
import { defineConfig, formatters, loaders } from '@adonisjs/i18n'
import moduleRegistry from '#start/modules'

const i18nConfig = defineConfig({
  defaultLocale: 'zh-CN',
  supportedLocales: ['zh-CN', 'en'],
  fallbackLocales: { en: 'zh-CN' },
  formatter: formatters.icu(),
  loaders: [
    loaders.fs({ location: app.languageFilesPath() }),
    // Each module ships its own texts; file names are the key namespaces.
    ...moduleRegistry
      .subfolders('resources/lang')
      .map((path) => loaders.fs({ location: app.makePath(path) })),
  ],
})

export default i18nConfig
