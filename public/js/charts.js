/*
 * 就业统计 charts (ECharts, served from /vendor/echarts.min.js). No inline script: the figures come
 * from <script type="application/json" id="stats-chart-data">, each chart container names its
 * chart with data-chart. SVG renderer (crisp, no canvas fingerprinting, prints well).
 */
;(function () {
  'use strict'

  var COLORS = ['#1677ff', '#52c41a', '#faad14', '#13c2c2', '#722ed1', '#eb2f96', '#bfbfbf', '#8c8c8c']

  function readData() {
    var block = document.getElementById('stats-chart-data')
    if (!block) return null
    try {
      return JSON.parse(block.textContent || '{}')
    } catch (e) {
      return null
    }
  }

  function pctLabel(v) {
    return v + '%'
  }

  var builders = {
    colleges: function (data) {
      var names = data.colleges.map(function (c) { return c.name })
      return {
        color: COLORS,
        tooltip: { trigger: 'axis', valueFormatter: pctLabel },
        grid: { left: 48, right: 16, top: 24, bottom: 64 },
        xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 30 : 0 } },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [{
          name: '落实率',
          type: 'bar',
          barMaxWidth: 36,
          data: data.colleges.map(function (c) { return c.rate }),
          label: { show: true, position: 'top', formatter: '{c}%' },
        }],
      }
    },
    trend: function (data) {
      return {
        color: COLORS,
        tooltip: { trigger: 'axis', valueFormatter: pctLabel },
        grid: { left: 48, right: 16, top: 24, bottom: 48 },
        xAxis: { type: 'category', boundaryGap: false, data: data.trend.map(function (p) { return p.week }) },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [{
          name: '落实率',
          type: 'line',
          smooth: true,
          areaStyle: { opacity: 0.15 },
          data: data.trend.map(function (p) { return p.rate }),
        }],
      }
    },
    distribution: function (data) {
      return {
        color: COLORS,
        tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
        legend: { bottom: 0, type: 'scroll' },
        series: [{
          name: '毕业去向',
          type: 'pie',
          radius: ['40%', '68%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}\n{d}%' },
          data: data.distribution,
        }],
      }
    },
    places: function (data) {
      var provinces = data.provinces.slice(0, 10).reverse()
      var cities = data.cities.slice(0, 10).reverse()
      return {
        color: COLORS,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        title: [
          { text: '省份', left: '22%', top: 0, textAlign: 'center', textStyle: { fontSize: 13 } },
          { text: '城市', left: '75%', top: 0, textAlign: 'center', textStyle: { fontSize: 13 } },
        ],
        grid: [
          { left: 64, width: '30%', top: 28, bottom: 16 },
          { left: '62%', right: 16, top: 28, bottom: 16 },
        ],
        xAxis: [
          { type: 'value', gridIndex: 0, minInterval: 1 },
          { type: 'value', gridIndex: 1, minInterval: 1 },
        ],
        yAxis: [
          { type: 'category', gridIndex: 0, data: provinces.map(function (p) { return p.name }) },
          { type: 'category', gridIndex: 1, data: cities.map(function (p) { return p.name }) },
        ],
        series: [
          { name: '人数', type: 'bar', xAxisIndex: 0, yAxisIndex: 0, data: provinces.map(function (p) { return p.count }) },
          { name: '人数', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: cities.map(function (p) { return p.count }) },
        ],
      }
    },
  }

  function init() {
    if (!window.echarts) return
    var data = readData()
    if (!data) return
    var charts = []
    document.querySelectorAll('[data-chart]').forEach(function (el) {
      var build = builders[el.getAttribute('data-chart')]
      if (!build || el.getAttribute('data-chart-ready')) return
      var chart = window.echarts.init(el, null, { renderer: 'svg', locale: 'ZH' })
      chart.setOption(build(data))
      el.setAttribute('data-chart-ready', '1')
      charts.push(chart)
    })
    window.addEventListener('resize', function () {
      charts.forEach(function (c) { c.resize() })
    })
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init)
  else init()
})()
