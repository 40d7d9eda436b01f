/**
 * Payload and context rules behind the statechart guards. Each returns a Chinese
 * reason when the event must be refused, or null when it may proceed.
 */
import { outcome, isOutcomeCode, WITHHOLDING_CODES } from '../outcomes/outcomes';
import type { CaseContext, CaseEvent, ProposalPayload, SecrecyReview } from './types';
import { isIsoDate } from '../calendar/iso-date';

/** A real YYYY-MM-DD date (2026-02-30 is not): the calendar module's check. */
export const isDate = isIsoDate;
const nonEmpty = (s: unknown): s is string => typeof s === 'string' && s.trim().length > 0;

export function latestSecrecyReview(ctx: CaseContext): SecrecyReview | null {
  return ctx.secrecyReviews.length ? ctx.secrecyReviews[ctx.secrecyReviews.length - 1] : null;
}

export const openConsultations = (ctx: CaseContext) => ctx.consultations.filter((c) => !c.closedOn);

/** Rules for a proposed outcome (条例第14-17、32、36-39条; shared/domain §4, §4a). */
export function proposalProblem(
  ctx: CaseContext,
  p: ProposalPayload,
  review: SecrecyReview | null = latestSecrecyReview(ctx),
): string | null {
  if (!isOutcomeCode(p.outcome)) return `未知的答复类型：${String(p.outcome)}`;
  const o = outcome(p.outcome);
  if (!o.proposable) return `答复类型“${o.label}”不能由承办人提出`;
  if (p.basis !== undefined && !nonEmpty(p.basis)) return '法律依据不能为空';
  if (o.withholding && !nonEmpty(p.reasons))
    return '不予公开须说明理由（条例第三十六条第（三）项）';
  if (p.outcome === 'withhold_third_party') {
    const closedThirdParty = ctx.consultations.some((c) => c.party === 'thirdParty' && c.closedOn);
    if (!closedThirdParty && !nonEmpty(p.noConsultationReason)) {
      return '以保护第三方合法权益为由不予公开，须已完成第三方征求意见，或记录未征求意见的理由（条例第三十二条）';
    }
  }
  if (o.needsSecrecyReview) {
    if (!review) return '公开前须进行保密审查（条例第十七条）';
    const ok =
      p.outcome === 'disclose'
        ? review.conclusion === 'disclose'
        : review.conclusion !== 'withhold';
    if (!ok) return `保密审查结论（${review.conclusion}）不允许“${o.label}”`;
  }
  if (p.outcome === 'partial') {
    const parts = p.withheldParts ?? [];
    if (!parts.length) return '部分公开须列明不予公开的部分（条例第三十七条）';
    for (const w of parts) {
      if (!nonEmpty(w.part)) return '不予公开的部分须写明内容';
      if (!WITHHOLDING_CODES.includes(w.ground))
        return `不予公开部分的依据无效：${String(w.ground)}`;
      if (!nonEmpty(w.reason)) return '不予公开的部分须说明理由';
    }
  }
  return null;
}

/** Why an event's payload / the context refuses it; null = acceptable (state availability is checked by the machine). */
export function eventProblem(ctx: CaseContext, e: CaseEvent): string | null {
  if (!isDate(e.on)) return '事件须带业务日期 on（YYYY-MM-DD）';
  if (!nonEmpty(e.actorId)) return '事件须带操作人 actorId';
  switch (e.type) {
    case 'REQUEST_CORRECTION':
      if (ctx.correction) return '补正告知只能一次性发出（条例第三十条）';
      if (!Array.isArray(e.items) || !e.items.length || !e.items.every(nonEmpty))
        return '补正告知须列明需要补正的事项';
      if (!Number.isInteger(e.periodWorkingDays) || e.periodWorkingDays < 1)
        return '补正期限须为正整数个工作日';
      if (e.noticeDue !== undefined && !isDate(e.noticeDue)) return '补正告知期限日期格式不正确';
      return null;
    case 'RECEIVE_CORRECTION':
      return ctx.correction && e.on < ctx.correction.requestedOn
        ? '收到补正的日期不得早于补正告知日期'
        : null;
    case 'ASSIGN':
      return nonEmpty(e.departmentId) ? null : '须指定承办部门';
    case 'START_CONSULTATION':
      if (!nonEmpty(e.consultationId)) return '征求意见须有编号';
      if (ctx.consultations.some((c) => c.id === e.consultationId)) return '征求意见编号重复';
      if (e.party !== 'thirdParty' && e.party !== 'agency')
        return '征求意见对象须为第三方或其他机关';
      if (!nonEmpty(e.name)) return '须写明征求意见对象名称';
      if (e.sentOn !== undefined && !isDate(e.sentOn)) return '发函日期格式不正确';
      return null;
    case 'CLOSE_CONSULTATION':
    case 'CONSULTATION_EXPIRED': {
      const c = ctx.consultations.find((x) => x.id === e.consultationId);
      if (!c) return `没有编号为 ${e.consultationId} 的征求意见`;
      if (c.closedOn) return '该征求意见已结束';
      if (e.on < c.sentOn) return '结束日期不得早于发函日期';
      if (e.type === 'CLOSE_CONSULTATION' && !['agree', 'object', 'noAnswer'].includes(e.result)) {
        return '征求意见结果须为同意、不同意或未答复';
      }
      return null;
    }
    case 'ISSUE_FEE_NOTICE':
      if (ctx.fee) return '本案已发出收费通知';
      if (e.method !== 'per_item' && e.method !== 'per_page')
        return '收费方式须为按件或按量（国办函〔2020〕109号）';
      if (!Number.isInteger(e.amount) || e.amount <= 0) return '收费金额须为正整数（元）';
      return null;
    case 'EXTEND':
      if (ctx.extension) return '延期答复只能一次（条例第三十三条第二款）';
      if (!Number.isInteger(e.workingDays) || e.workingDays < 1 || e.workingDays > 20)
        return '延长期限为1至20个工作日';
      if (!nonEmpty(e.reason)) return '延期须说明理由';
      if (!nonEmpty(e.approvedBy)) return '延期须经政府信息公开工作机构负责人同意';
      if (!isDate(e.replyDue)) return '须提供原答复期限 replyDue';
      if (e.on > e.replyDue) return '延期须在答复期限届满前决定并告知申请人';
      return null;
    case 'DEFER':
      if (ctx.deferral) return '延迟答复只能一次（条例第三十五条）';
      if (!isDate(e.deferredTo) || e.deferredTo <= e.on) return '延迟答复日期须晚于当日';
      return nonEmpty(e.reason) ? null : '延迟答复须说明理由';
    case 'RECORD_SECRECY_REVIEW':
      if (!['disclose', 'partial', 'withhold'].includes(e.conclusion)) return '保密审查结论无效';
      if (!nonEmpty(e.ground)) return '保密审查须写明依据';
      if (!nonEmpty(e.reviewer)) return '保密审查须写明审查人';
      if (e.conclusion === 'partial' && !nonEmpty(e.withheldPart))
        return '部分公开的审查结论须写明不予公开的部分';
      return null;
    case 'PROPOSE':
      return proposalProblem(ctx, e);
    case 'SUBMIT_FOR_APPROVAL': {
      if (!ctx.proposal) return '尚未提出办理意见';
      const p = proposalProblem(ctx, ctx.proposal);
      if (p) return p;
      if (openConsultations(ctx).length) return '尚有未结束的征求意见，不能报批';
      if (ctx.fee && !ctx.fee.paidOn) return '尚有未缴纳的信息处理费，不能报批';
      if (!Array.isArray(e.chain) || !e.chain.length) return '须设定审批流程';
      if (!e.chain.every((s) => nonEmpty(s.step))) return '每个审批环节须有名称';
      return null;
    }
    case 'APPROVE':
    case 'RETURN': {
      const idx = ctx.approvals.length;
      const step = ctx.approvalChain[idx];
      if (!step) return '没有待审批的环节';
      const mayAct = step.approverId
        ? step.approverId === e.actorId
        : (e.actorRoles ?? []).includes(step.step);
      if (!mayAct) return `当前审批环节“${step.step}”不由该用户办理`;
      if (e.type === 'RETURN' && !nonEmpty(e.comments)) return '退回须写明意见';
      return null;
    }
    case 'DELIVER':
      if (ctx.decision && e.on < ctx.decision.decidedOn) return '送达日期不得早于决定日期';
      if (!['in_person', 'post', 'electronic', 'via_agency'].includes(e.method))
        return '送达方式无效';
      return nonEmpty(e.recipient) ? null : '须写明受送达人';
    case 'RECORD_RECONSIDERATION':
    case 'RECORD_LITIGATION':
      if (!isDate(e.filedOn)) return '须写明申请（起诉）日期';
      if (!['upheld', 'corrected', 'other', 'pending'].includes(e.result))
        return '结果须为维持、纠正、其他或尚未审结';
      if (e.decidedOn !== undefined && (!isDate(e.decidedOn) || e.decidedOn < e.filedOn))
        return '审结日期不正确';
      if (e.type === 'RECORD_LITIGATION' && typeof e.afterReconsideration !== 'boolean')
        return '须说明是否经复议后起诉';
      return null;
    case 'ON_THE_SPOT_REPLY': {
      const sr = e.secrecyReview;
      if (sr && (!nonEmpty(sr.ground) || !nonEmpty(sr.reviewer)))
        return '保密审查须写明依据和审查人';
      return proposalProblem(ctx, e, sr ? { ...sr, on: e.on } : latestSecrecyReview(ctx));
    }
    default:
      return null;
  }
}

/** APPROVE by the actor completes the chain. */
export function isFinalApproval(ctx: CaseContext): boolean {
  return ctx.approvals.length === ctx.approvalChain.length - 1;
}
