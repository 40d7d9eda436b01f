import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { AppException } from '../../platform/http-errors/app-exception';
import { TrackingRepository } from './tracking.repository';

/** The one answer for an unknown code and for a known code with the wrong digits. */
export const TRACK_NO_MATCH = '未找到与查询码和手机号后四位相符的申请，请核对回执上的查询码';

/** Where the case stands, in the words an applicant reads (no internal detail). */
export const PUBLIC_STATE_LABELS: Record<string, string> = {
  awaitingConfirmation: '网上申请已提交，待工作机构确认收到',
  registered: '已收到申请，待受理',
  accepted: '已受理',
  awaitingCorrection: '等待申请人补正',
  handling: '办理中',
  inApproval: '办理中（答复审核）',
  decided: '已作出答复',
  closed: '已办结',
  archived: '已办结归档',
};

/** The history entries an applicant may see, with their public labels. */
export const PUBLIC_STEP_LABELS: Readonly<Record<string, string>> = {
  REGISTERED: '收到申请',
  APPLICATION_SUBMITTED: '网上提交申请',
  // 条例第31条第（三）项: the day both sides confirmed is the receipt date.
  CONFIRM_RECEIPT: '确认收到申请',
  ACCEPT: '受理',
  REQUEST_CORRECTION: '告知补正',
  RECEIVE_CORRECTION: '收到补正材料',
  ASSIGN: '交承办部门办理',
  START_CONSULTATION: '征求意见（期间不计入答复期限）',
  CLOSE_CONSULTATION: '征求意见结束',
  EXTEND: '延长答复期限',
  DEFER: '延迟答复',
  ISSUE_FEE_NOTICE: '通知缴纳信息处理费',
  RECORD_PAYMENT: '收到信息处理费',
  ON_THE_SPOT_REPLY: '当场答复',
  DELIVER: '答复已送达',
  WITHDRAW: '申请已撤回',
  ARCHIVE: '归档',
};

export interface TrackResult {
  caseNumber: string;
  state: string;
  currentStep: string;
  /** Null while an online application awaits the office's confirmation (条例第31条第（三）项). */
  receiptDate: string | null;
  replyDue: string | null;
  department: string | null;
  steps: { label: string; on: string }[];
}

/** 快递式公开: an applicant follows the case with the receipt's 查询码 and the phone's last 4 digits. */
@Injectable()
export class TrackingService {
  constructor(private readonly repo: TrackingRepository) {}

  async track(trackingCode: string, phoneLast4: string): Promise<TrackResult> {
    const code = trackingCode.trim().toUpperCase();
    const row = code ? await this.repo.byTrackingCode(code) : null;
    const last4 = row && row.phone_digits.length >= 4 ? row.phone_digits.slice(-4) : '----';
    const matches = timingSafeEqual(Buffer.from(last4), Buffer.from(phoneLast4.padEnd(4, '-').slice(0, 4)));
    if (!row || !matches) throw new AppException(404, 'TRACKING_NOT_FOUND', TRACK_NO_MATCH);
    const events = await this.repo.events(row.id, Object.keys(PUBLIC_STEP_LABELS));
    return {
      caseNumber: row.case_number,
      state: row.state,
      currentStep: PUBLIC_STATE_LABELS[row.state] ?? '办理中',
      receiptDate: row.receipt_date,
      replyDue: row.reply_due,
      department: row.department_name,
      steps: events.map((e) => ({ label: PUBLIC_STEP_LABELS[e.type], on: e.occurred_on })),
    };
  }
}
