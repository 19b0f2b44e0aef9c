// 省 → 市 picker (resources/views/components/city_picker.edge). Loaded by the component before Alpine
// starts; registers Alpine.data('cityPicker'). Chosen cities are posted as hidden inputs named like the
// old multi-select, so the server side is unchanged.
if (!window.cityPickerRegistered) {
  window.cityPickerRegistered = true
  document.addEventListener('alpine:init', () => {
    window.Alpine.data('cityPicker', () => ({
        regions: [],
        max: 10,
        chosen: [],
        open: false,
        query: '',
        notice: '',
        province: '',
        init() {
          const data = this.$root.dataset
          this.regions = JSON.parse(data.regions || '[]')
          this.max = Number(data.max || 10)
          this.provinceOf = new Map()
          for (const [p, cities] of this.regions) for (const c of cities) this.provinceOf.set(c, p)
          this.chosen = JSON.parse(data.selected || '[]')
          this.province =
            (this.chosen.length && this.provinceOf.get(this.chosen[0])) ||
            (this.regions[0] ? this.regions[0][0] : '')
        },
        get matches() {
          const q = this.query.trim()
          if (!q) return []
          const out = []
          for (const [p, cities] of this.regions) {
            for (const c of cities) if (c.includes(q) || p.includes(q)) out.push({ city: c, province: p })
          }
          return out.slice(0, 50)
        },
        citiesOf(p) {
          const r = this.regions.find((x) => x[0] === p)
          return r ? r[1] : []
        },
        countIn(p) {
          return this.chosen.filter((c) => this.provinceOf.get(c) === p).length
        },
        has(c) {
          return this.chosen.includes(c)
        },
        toggleCity(c) {
          this.notice = ''
          if (this.has(c)) return this.remove(c)
          if (this.chosen.length >= this.max) {
            this.notice = '最多选择 ' + this.max + ' 个城市，请先移除一个'
            return
          }
          this.chosen.push(c)
        },
        remove(c) {
          this.notice = ''
          this.chosen = this.chosen.filter((x) => x !== c)
        },
        clear() {
          this.chosen = []
          this.notice = ''
        },
        pickFirstMatch() {
          if (this.matches.length) this.toggleCity(this.matches[0].city)
        },
        toggle() {
          this.open ? this.close() : this.show()
        },
        show() {
          this.open = true
          this.$nextTick(() => this.$refs.search && this.$refs.search.focus())
        },
        close() {
          if (!this.open) return
          this.open = false
          this.query = ''
          this.$nextTick(() => this.$root.querySelector('.city-picker-toggle')?.focus())
        },
        // Arrow keys walk the visible options of the panel (buttons are also reachable with Tab).
        move(step, event) {
          const items = [...this.$root.querySelectorAll('[data-nav]')].filter((b) => b.offsetParent !== null)
          const i = items.indexOf(event.target)
          const next = items[i === -1 ? 0 : Math.max(0, Math.min(items.length - 1, i + step))]
          if (next) next.focus()
        },
    }))
  })
}
