import 'virtual:uno.css'
import 'element-plus/theme-chalk/dark/css-vars.css'
import './styles/theme.css'

import { createPinia } from 'pinia'
import { createApp } from 'vue'

import App from './App.vue'
import { router } from './router'

createApp(App).use(createPinia()).use(router).mount('#app')
