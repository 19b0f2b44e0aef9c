import { defineModule } from '#core/modules/manifest'

export default defineModule({
  id: 'events',
  name: { zh: '招聘活动', en: 'Recruitment events' },
  version: '0.1.0',
  routes: {},
  navigation: [],
  widgets: [],
  jobs: {},
})
