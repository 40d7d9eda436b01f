import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { session, startPage } from './session';

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: () => startPage() },
  { path: '/login', component: () => import('./pages/LoginPage.vue'), meta: { public: true, title: '登录' } },
  { path: '/track', component: () => import('./pages/TrackPage.vue'), meta: { public: true, title: '申请办理进度查询' } },
  { path: '/cases', component: () => import('./pages/CasesPage.vue'), meta: { title: '案件工作清单' } },
  { path: '/cases/new', component: () => import('./pages/IntakePage.vue'), meta: { title: '登记申请' } },
  { path: '/cases/:id', component: () => import('./pages/CasePage.vue'), meta: { title: '案件详情' } },
  { path: '/approvals', component: () => import('./pages/ApprovalsPage.vue'), meta: { title: '待审批' } },
  { path: '/reports', component: () => import('./pages/ReportsPage.vue'), meta: { title: '统计报表' } },
  { path: '/audit', component: () => import('./pages/AuditPage.vue'), meta: { title: '法制审核' } },
  { path: '/admin/users', component: () => import('./pages/UsersPage.vue'), meta: { title: '用户管理' } },
  { path: '/admin/departments', component: () => import('./pages/DepartmentsPage.vue'), meta: { title: '承办部门' } },
  { path: '/admin/outbox', component: () => import('./pages/OutboxPage.vue'), meta: { title: '消息发件箱' } },
  { path: '/admin/agency', component: () => import('./pages/AgencyPage.vue'), meta: { title: '本机关设置' } },
  { path: '/platform', component: () => import('./pages/PlatformPage.vue'), meta: { title: '平台管理' } },
  { path: '/platform/calendar', component: () => import('./pages/CalendarPage.vue'), meta: { title: '全国节假日安排' } },
  // 网上申请: the applicant's own form, without sign-in.
  { path: '/apply', component: () => import('./pages/ApplyPage.vue'), meta: { public: true, title: '网上申请政府信息公开' } },
  { path: '/:rest(.*)*', component: () => import('./pages/NotFoundPage.vue'), meta: { public: true, title: '页面不存在' } },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach((to) => {
  if (to.meta.public) return true;
  if (!session.user) return { path: '/login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  return true;
});

router.afterEach((to) => {
  const t = typeof to.meta.title === 'string' ? to.meta.title : '';
  document.title = t ? `${t} - 依申请公开案件管理系统` : '依申请公开案件管理系统';
});
