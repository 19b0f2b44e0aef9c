import { defineModule } from '#core/modules/manifest'

export default defineModule({
  id: 'procedures',
  name: { zh: '就业手续', en: 'Employment procedures' },
  version: '0.1.0',
  routes: {},
  navigation: [],
  widgets: [],
  jobs: {},
})
