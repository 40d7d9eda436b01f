import { createApp } from 'vue';
import 'element-plus/theme-chalk/base.css';
import App from './App.vue';
import { setUnauthorizedHandler } from './api';
import { router } from './router';
import { forget } from './session';
import './styles.css';

setUnauthorizedHandler(() => {
  forget();
  const here = router.currentRoute.value;
  if (!here.meta.public) void router.replace({ path: '/login', query: { next: here.fullPath } });
});

createApp(App).use(router).mount('#app');
