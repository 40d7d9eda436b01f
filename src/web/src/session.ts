import { reactive } from 'vue';
import { get, post } from './api';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  agencyId: string | null;
  departmentId: string | null;
}
export interface Agency {
  id: string;
  name: string;
}

const KEY = 'gid_user';

/**
 * Who is signed in, as the server said at login. The session itself is the httpOnly gid_session
 * cookie; this copy (localStorage, so a new tab or a typed address knows it too) only picks the
 * start page and the menu — the server decides every permission, and a 401 from it forgets this copy.
 */
export const session = reactive<{ user: SessionUser | null; agency: Agency | null }>({
  user: read(),
  agency: null,
});

function read(): SessionUser | null {
  try {
    const s = localStorage.getItem(KEY);
    return s ? (JSON.parse(s) as SessionUser) : null;
  } catch {
    return null;
  }
}

export function hasRole(role: string): boolean {
  return !!session.user?.roles.includes(role);
}

export function startPage(user: SessionUser | null = session.user): string {
  if (!user) return '/login';
  if (user.roles.includes('operator')) return '/platform';
  if (user.roles.includes('approver') && !user.roles.includes('clerk')) return '/approvals';
  return '/cases';
}

export async function signIn(username: string, password: string): Promise<SessionUser> {
  const res = await post<{ user: SessionUser }>('/auth/login', { username, password });
  session.user = res.user;
  localStorage.setItem(KEY, JSON.stringify(res.user));
  void loadAgency();
  return res.user;
}

export async function loadAgency(): Promise<void> {
  if (!session.user || !session.user.agencyId || session.agency) return;
  try {
    session.agency = await get<Agency>('/agency');
  } catch {
    session.agency = null;
  }
}

export function forget(): void {
  session.user = null;
  session.agency = null;
  localStorage.removeItem(KEY);
}

export async function signOut(): Promise<void> {
  try {
    await post('/auth/logout');
  } catch {
    // the session may already have ended: signed out either way
  }
  forget();
}
