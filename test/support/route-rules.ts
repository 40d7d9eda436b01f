/**
 * Who may call each route (METHOD path as in the OpenAPI document): the table the authorisation
 * matrix (test/integration/authorization-matrix.spec.ts) checks every route against, and that the
 * write-endpoint fuzzing (test/integration/fuzz-write-endpoints.spec.ts) takes its callers from.
 * 'domain': the statechart's role map (ROLE_ACTIONS) decides among the agency roles.
 */
import { CASE_ACTIONS } from '../../src/domain/workflow';

export type Who = 'anon' | 'operator' | 'admin' | 'clerk' | 'handler' | 'approver' | 'legal';
export const AGENCY: Who[] = ['admin', 'clerk', 'handler', 'approver', 'legal'];
export const SIGNED: Who[] = ['operator', ...AGENCY];
export const EVERYONE: Who[] = ['anon', ...SIGNED];

/** Who passes the gate of each route (METHOD path as in the OpenAPI document). */
export const RULES: Record<string, Who[] | 'domain' | { skip: string }> = {
  'GET /health': EVERYONE,
  'POST /api/v1/auth/login': EVERYONE,
  'POST /api/v1/auth/logout': { skip: 'ends the session the other checks use; test/integration/session-cookie.spec.ts' },
  'POST /api/v1/auth/password': SIGNED,
  'GET /api/v1/me': SIGNED,
  'GET /api/v1/users': ['admin'],
  'POST /api/v1/users': ['admin'],
  'PATCH /api/v1/users/{id}': ['admin'],
  'POST /api/v1/users/{id}/password-reset': ['admin'],
  'GET /api/v1/agencies': ['operator'],
  'POST /api/v1/agencies': ['operator'],
  'GET /api/v1/agency': AGENCY,
  'PATCH /api/v1/agency': ['admin'],
  'GET /api/v1/departments': AGENCY,
  'POST /api/v1/departments': ['admin'],
  'GET /api/v1/calendar/recalculations': ['operator', 'admin'],
  'GET /api/v1/calendar/recalculations/{id}': ['operator', 'admin'],
  'GET /api/v1/outbox': ['admin'],
  'GET /api/v1/outcomes': AGENCY,
  'POST /api/v1/cases': ['clerk'],
  'GET /api/v1/cases': AGENCY,
  'GET /api/v1/cases/export.csv': AGENCY,
  'GET /api/v1/cases/{id}': AGENCY,
  'GET /api/v1/cases/{id}/history': AGENCY,
  'GET /api/v1/cases/{id}/history/verify': AGENCY,
  'POST /api/v1/cases/{id}/reveal': ['clerk', 'handler', 'legal'],
  ...Object.fromEntries(CASE_ACTIONS.map((a) => [`POST /api/v1/cases/{id}/actions/${a}`, 'domain' as const])),
  'GET /api/v1/cases/{id}/letters': AGENCY,
  'GET /api/v1/letters/{id}/pdf': AGENCY,
  'GET /api/v1/letters/{id}/verify': AGENCY,
  // A clerk previews only a proposed closure's letter; this case has none.
  'GET /api/v1/cases/{id}/letters/preview': ['handler', 'approver'],
  'GET /api/v1/cases/{id}/letters/draft': ['handler', 'approver'],
  'GET /api/v1/letters/print.pdf': AGENCY,
  'POST /api/v1/letters/{id}/reissue': ['approver'],
  'GET /api/v1/cases/{id}/case-file.pdf': AGENCY,
  'GET /api/v1/notifications': AGENCY,
  'POST /api/v1/notifications/{id}/read': AGENCY,
  'GET /api/v1/approvals': ['approver'],
  'GET /api/v1/calendar/add-working-days': EVERYONE,
  'GET /api/v1/calendar/working-days-between': EVERYONE,
  'GET /api/v1/calendar/{year}': EVERYONE,
  'PUT /api/v1/calendar/{year}': ['operator'],
  'GET /api/v1/calendar/{year}/history': SIGNED,
  'POST /api/v1/clock/preview': EVERYONE,
  // The approver only while the case is in approval; this one is not.
  'GET /api/v1/cases/{id}/findings': ['legal', 'admin'],
  'POST /api/v1/cases/{id}/audit/findings': ['legal'],
  'POST /api/v1/cases/{id}/audit/sign-off': ['legal'],
  'GET /api/v1/audit/cases': ['legal', 'admin'],
  'GET /api/v1/reports/annual': ['legal', 'admin'],
  'GET /api/v1/reports/dashboard': ['legal', 'admin', 'approver'],
  'GET /api/v1/reports/annual/cases': ['legal', 'admin'],
  'POST /api/v1/track': EVERYONE,
  'GET /api/v1/agency/signing-certificate': ['admin'],
  'PUT /api/v1/agency/signing-certificate': ['admin'],
  'PUT /api/v1/agency/seal': ['admin'],
  'GET /api/v1/agency/seal': ['admin'],
  'POST /api/v1/public/letters/verify': EVERYONE,
  'POST /api/v1/public/applications': EVERYONE,
  // 附件与遮盖 (issue 18): only the case's 承办人 uploads and redacts; whoever reads the case sees the
  // pages and the released copy (the approver included); the applicant has no route to the originals.
  'POST /api/v1/cases/{id}/documents': ['handler'],
  'GET /api/v1/cases/{id}/documents': AGENCY,
  'GET /api/v1/cases/{id}/documents/released.pdf': AGENCY,
  'POST /api/v1/documents/{id}/redactions': ['handler'],
  'DELETE /api/v1/redactions/{id}': ['handler'],
  'GET /api/v1/documents/{id}/released.pdf': AGENCY,
  'GET /api/v1/documents/{id}/pages/{page}': AGENCY,
};
