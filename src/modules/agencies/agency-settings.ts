import { BACKDATE_GRACE_WORKING_DAYS_DEFAULT } from '../../domain/workflow/backdating';
import type { ApprovalStep } from '../../domain/workflow/types';

/** Per-agency settings (stored as jsonb on agencies.settings). */
export interface AgencySettings {
  /**
   * Whether the fee period (收费通知 → 缴费) is left out of the reply period like a consultation.
   * The national text is unverified (shared/domain §3, sources.md §2.6): default on, agency may switch off.
   */
  feePausesClock: boolean;
  /** Warnings N working days before each deadline (shared/domain: default 3 and 1). */
  warningWorkingDays: number[];
  /** 条例第35条 hint: requests by one applicant in a calendar month above this are flagged. */
  monthlyRequestThreshold: number;
  /** 文号 series: prefix for replies (e.g. 某某公开), receipts (某某公开回执) and notices (某某公开告). */
  docSeries: { reply: string; receipt: string; notice: string };
  /**
   * Whether every 承办人 of the agency may read every case (never act on it). Default false: a
   * handler reads the cases of their own department or assigned to them (src/domain/workflow/access.ts).
   */
  handlersReadAllCases: boolean;
  /**
   * The reconsideration body's internet channel for filing (行政复议法第二十二条第二款), e.g.
   * “示范市人民政府行政复议网上申请平台（https://…）”: printed in every remedy clause; without it a
   * reply that carries a remedy clause is not served electronically. Empty until the admin sets it.
   */
  reconsiderationOnlineChannel: string;
  /**
   * Where and how the applicant pays a fee (国办函〔2020〕109号, as restated: 收费通知 说明…缴纳方式):
   * e.g. the 非税收入 payment code or account and where the 财政票据 is issued. Empty: the fee notice
   * cannot be issued (no vague “指定渠道”).
   */
  feePaymentChannel: string;
  /**
   * 补录: an action dated more than this many working days before the day it is recorded needs a
   * backdateReason and is flagged for the legal audit (an internal-control rule, not an article;
   * src/domain/workflow/backdating.ts).
   */
  backdateGraceWorkingDays: number;
  /**
   * The approval chain (报批) a reply goes through, in order; empty: one approval by any approver
   * (approvalChainOrDefault). A step names one user (approverId) or, without one, the role that
   * may approve it (approver or legal). Taken when the reply is submitted: a change does not
   * affect a case already in approval.
   */
  approvalChain: ApprovalStep[];
}

export const DEFAULT_AGENCY_SETTINGS: AgencySettings = {
  feePausesClock: true,
  warningWorkingDays: [3, 1],
  monthlyRequestThreshold: 10,
  docSeries: { reply: '', receipt: '', notice: '' },
  handlersReadAllCases: false,
  reconsiderationOnlineChannel: '',
  feePaymentChannel: '',
  backdateGraceWorkingDays: BACKDATE_GRACE_WORKING_DAYS_DEFAULT,
  approvalChain: [],
};

/** The roles that may approve a step that names no user. */
export const APPROVAL_STEP_ROLES = ['approver', 'legal'] as const;
