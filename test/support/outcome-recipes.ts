/**
 * One case driven through the workflow API (Flow), and what a real agency does before proposing each
 * outcome (RECIPES): shared by the outcome paths and the annual-report year.
 */
import type { OutcomeCode } from '../../src/domain/outcomes/outcomes';
import { act, register } from './cases';
import type { TestContext } from './test-app';

export type Role = 'clerk' | 'handler' | 'approver' | 'legal' | 'admin';
type Body = Record<string, any>;

/** One case driven through the API; every successful step replaces `c` with the returned detail. */
export class Flow {
  c: any;
  constructor(private readonly t: TestContext, c: any) {
    this.c = c;
  }
  static async register(t: TestContext, over: Body = {}) {
    const res = await register(t, over);
    expect([res.status, res.body.message]).toEqual([201, undefined]);
    return new Flow(t, res.body);
  }
  /** An action that must succeed (200). */
  async step(role: Role, action: string, body: Body = {}) {
    const res = await act(this.t, role, this.c, action, body);
    expect([action, res.status, res.body.message]).toEqual([action, 200, undefined]);
    this.c = res.body;
    return this.c;
  }
  /** An action that must be refused with `status`; the case must not change. */
  async refused(role: Role, action: string, body: Body, status: number) {
    const res = await act(this.t, role, this.c, action, body);
    expect([action, res.status]).toEqual([action, status]);
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    const again = await this.get('legal');
    expect(again.version).toBe(this.c.version);
    return res.body;
  }
  async get(role: Role) {
    const res = await this.t.http.get(`/api/v1/cases/${this.c.id}`).set('authorization', `Bearer ${await this.t.login(role)}`);
    expect(res.status).toBe(200);
    return res.body;
  }
  async allowed(role: Role): Promise<string[]> {
    return (await this.get(role)).allowedActions;
  }
  lastEvent(type: string) {
    const evs = this.c.history.filter((h: any) => h.type === type);
    return evs[evs.length - 1];
  }
}

// ------------------------------------------------------------------ recipes per outcome

/**
 * What a real agency does before proposing each outcome (between assign and propose), and the
 * proposal fields. Dates: receipt Fri 2026-02-13; prep steps from 2026-02-25; propose 2026-03-11.
 */
export interface Recipe {
  /** Steps between assignment and the proposal, in date order. */
  prepare?: (f: Flow) => Promise<void>;
  /** Before acceptance/assignment (e.g. a correction round). */
  intake?: (f: Flow) => Promise<void>;
  propose: Body;
  /** A proposal that skips the outcome's guard, refused with 409 (tried right before the real one). */
  missing?: Body;
}

export const REASONS = '经审查，该信息属于依法不予公开的范围，理由如下：……';

const withholding = (code: OutcomeCode, reasons: string): Recipe => ({
  propose: { outcome: code, reasons },
  missing: { outcome: code },
});

export const RECIPES: Record<string, Recipe> = {
  already_public: {
    propose: { outcome: 'already_public', access: '已在本机关门户网站“政府信息公开”栏目主动公开，网址：……' },
  },
  disclose: {
    prepare: async (f) => {
      await f.step('handler', 'record-secrecy-review', { conclusion: 'disclose', ground: '经审查不涉及国家秘密、工作秘密', occurredOn: '2026-03-02' });
    },
    propose: { outcome: 'disclose', access: '纸质复印件邮寄', reasons: '经审查，可以公开' },
    missing: { outcome: 'disclose', access: '纸质复印件邮寄' },
  },
  partial: {
    prepare: async (f) => {
      // The office cannot decide on one annex and refers it to the secrecy administration
      // (条例第17条: treated as a consultation of another agency, its time not counted).
      await f.step('handler', 'start-consultation', { party: 'agency', name: '示范县国家保密局', secrecyReferral: true, occurredOn: '2026-02-25' });
      await f.step('handler', 'close-consultation', { consultationId: 'C1', result: 'agree', reasons: '附件三属于工作秘密', occurredOn: '2026-03-03' });
      await f.step('approver', 'record-secrecy-review', {
        conclusion: 'partial',
        ground: '《保守国家秘密法》及本机关保密规定；保密局复函',
        withheldPart: '附件三：评标专家个人信息',
        occurredOn: '2026-03-04',
      });
    },
    propose: {
      outcome: 'partial',
      reasons: '除附件三外予以公开',
      access: '纸质复印件邮寄',
      withheldParts: [{ part: '附件三：评标专家个人信息', ground: 'withhold_third_party', reason: '涉及个人隐私，公开会对第三方合法权益造成损害' }],
      noConsultationReason: '评标专家人数众多且联系方式不全，无法逐一征求意见',
    },
    missing: { outcome: 'partial', reasons: '除附件三外予以公开' },
  },
  withhold_state_secret: {
    prepare: async (f) => {
      await f.step('approver', 'record-secrecy-review', { conclusion: 'withhold', ground: '经定密，该文件属于秘密级国家秘密（定密依据：……）', occurredOn: '2026-03-02' });
    },
    ...withholding('withhold_state_secret', '该信息经依法确定为国家秘密，依据条例第十四条不予公开'),
  },
  withhold_law_forbids: {
    ...withholding('withhold_law_forbids', '该资料属于统计调查中获得的能够识别单个统计调查对象的资料'),
    // 条例第十四条: the provision that forbids disclosure (legal review finding 27).
    propose: { outcome: 'withhold_law_forbids', reasons: '该资料属于统计调查中获得的能够识别单个统计调查对象的资料', lawProvision: '《中华人民共和国统计法》第三十九条' },
  },
  withhold_security_stability: withholding('withhold_security_stability', '公开后可能危及国家安全、公共安全、经济安全、社会稳定'),
  withhold_third_party: {
    prepare: async (f) => {
      await f.step('handler', 'start-consultation', { party: 'thirdParty', name: '示范建设工程有限公司', occurredOn: '2026-02-25' });
      // Posted: the third party's 15 WD run from the delivery record (条例第32条).
      const letterId = f.c.notices.find((n: any) => n.consultationId === 'C1').letterId;
      await f.step('clerk', 'record-letter-receipt', { letterId, receivedOn: '2026-02-27', occurredOn: '2026-03-02' });
      await f.step('handler', 'close-consultation', { consultationId: 'C1', result: 'object', reasons: '涉及本公司商业秘密', occurredOn: '2026-03-06' });
    },
    propose: { outcome: 'withhold_third_party', reasons: '第三方不同意公开，且公开会对其商业秘密造成损害' },
    missing: { outcome: 'withhold_third_party', reasons: REASONS },
  },
  withhold_internal_affairs: withholding('withhold_internal_affairs', '属于本机关人事管理信息（条例第十六条第一款）'),
  withhold_process_info: withholding('withhold_process_info', '属于讨论记录、过程稿，属于过程性信息（条例第十六条第二款）'),
  withhold_enforcement_file: withholding('withhold_enforcement_file', '属于行政执法案卷信息（条例第十六条第二款）'),
  special_law: {
    propose: {
      outcome: 'special_law',
      reasons: '不动产登记资料查询另有规定',
      specialLaw: '《不动产登记暂行条例》',
      specialLawOffice: '示范县不动产登记中心',
      channelHint: '请向示范县不动产登记中心申请查询',
    },
  },
  not_exist: {
    propose: { outcome: 'not_exist', reasons: '经检索档案系统，未找到相关信息', searchPerformed: '档案系统、OA系统' },
  },
  not_this_agency: {
    propose: { outcome: 'not_this_agency', reasons: '该信息不属于本机关负责公开', competentAgency: '示范县交通运输局', competentAgencyContact: '0591-00000000' },
  },
  needs_creation: {
    propose: { outcome: 'needs_creation', reasons: '申请内容需要对现有信息进行加工、分析，本机关不另行制作' },
  },
  unclear_after_correction: {
    intake: async (f) => {
      await f.step('clerk', 'request-correction', { items: ['请明确所需项目名称和文号'], periodWorkingDays: 10, occurredOn: '2026-02-24' });
      expect(f.c.state).toBe('awaitingCorrection');
      await f.step('clerk', 'receive-correction', { occurredOn: '2026-03-02' });
      expect(f.c.state).toBe('accepted');
    },
    propose: { outcome: 'unclear_after_correction', reasons: '申请人补正后仍未明确所需信息' },
  },
  petition_complaint: {
    propose: { outcome: 'petition_complaint', reasons: '申请内容为投诉举报', channelHint: '请通过信访渠道（示范县信访局）反映' },
  },
  repeated_request: {
    propose: { outcome: 'repeated_request', reasons: '申请人此前已提出相同申请并已答复', earlierReply: '示范公开〔2026〕3号', earlierReplyDate: '2026-01-20' },
  },
  publication: {
    propose: { outcome: 'publication', reasons: '所申请为公开出版物', channelHint: '可通过新华书店等渠道获取' },
  },
  excessive_requests: {
    // 条例第三十五条: 要求申请人说明理由, reasons judged unreasonable, then 不予处理.
    missing: { outcome: 'excessive_requests', reasons: '申请人无正当理由大量、反复申请，明显超过合理范围' },
    prepare: async (f) => {
      await f.step('handler', 'request-reasons', { occurredOn: '2026-03-02' });
      await f.step('handler', 'record-reasons', { reasonable: false, summary: '申请人未能说明申请理由的合理性', occurredOn: '2026-03-10' });
    },
    propose: { outcome: 'excessive_requests', reasons: '申请人无正当理由大量、反复申请，明显超过合理范围' },
  },
  confirm_reissue: {
    propose: { outcome: 'confirm_reissue', reasons: '申请人要求确认已获取信息的真实性，不属于政府信息公开申请' },
  },
  other: {
    propose: { outcome: 'other', reasons: '其他处理：……' },
  },
};

