import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import { lightVariables } from './labels'

// the lights' colours (labels.ts) as the stylesheet's variables
for (const [name, colour] of lightVariables()) document.documentElement.style.setProperty(name, colour)

createApp(App).use(ElementPlus, { locale: zhCn, size: 'default' }).mount('#app')
