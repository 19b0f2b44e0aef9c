import { defineModule } from '#core/modules/manifest'

export default defineModule({
  id: 'job_seeking',
  name: { zh: '求职中心', en: 'Job seeking' },
  version: '0.1.0',
  routes: {},
  navigation: [],
  widgets: [],
  jobs: {},
})
