/** Realistic letter contexts per template type (shared by specs, the bench and docs previews). */
import { feeFields, type LetterContext } from '../../../src/domain/letters';
import { feePerItem } from '../../../src/domain/fees';
import { isOutcomeCode, type OutcomeCode } from '../../../src/domain/outcomes/outcomes';

export const AGENCY = {
  name: '某某市自然资源和规划局',
  shortName: '某某自然资源',
  disclosureOffice: '某某市自然资源和规划局政府信息公开办公室',
  address: '某某市人民路100号',
  phone: '0571-12345678',
  email: 'zwgk@zrzy.example.gov.cn',
  postalCode: '310000',
  reconsiderationBody: '某某市人民政府',
  court: '某某市西湖区人民法院',
};

export function baseContext(): LetterContext {
  return {
    agency: { ...AGENCY },
    case: {
      caseNumber: 'YSQ-2026-000123',
      trackingCode: 'K7P4-9QXZ',
      receiptDate: '2026-03-09',
      channel: 'registered_post',
      description: '2025年度某某区东湖片区旧城改造项目的征收补偿方案及其批准文件',
    },
    applicant: { name: '张三' },
    docNumber: '某某自然资源公开〔2026〕12号',
    issuedOn: '2026-03-30',
  };
}

const EXTRA: Record<string, Partial<LetterContext>> = {
  reply_already_public: { publicLocation: '该信息已于2026年1月15日在本机关门户网站“政府信息公开”专栏（http://zrzy.example.gov.cn/zfxxgk）主动公开，您可登录查阅' },
  reply_disclose: { provision: '本机关以电子数据形式向您提供《东湖片区旧城改造项目征收补偿方案》及其批准文件（共12页），随本答复书一并送达' },
  reply_partial: {
    provision: '可以公开的部分以纸质复制件形式随本答复书一并提供',
    withheldParts: [
      { part: '被征收人姓名、身份证号码及补偿金额明细', ground: 'withhold_third_party', reason: '该部分涉及个人隐私，经书面征求第三方意见，第三方不同意公开，且不公开不会对公共利益造成重大影响' },
      { part: '局务会议讨论记录', ground: 'withhold_process_info', reason: '该部分属于行政机关在履行行政管理职能过程中形成的讨论记录' },
    ],
    thirdParty: { consulted: true, objected: true, noAnswer: false },
  },
  reply_withhold_state_secret: { secrecyReview: { on: '2026-03-20' } },
  reply_withhold_law_forbids: { lawProvision: '《中华人民共和国统计法》第三十九条' },
  reply_withhold_third_party: { thirdParty: { consulted: true, objected: true, noAnswer: false } },
  reply_not_exist: { search: '本机关于2026年3月20日在公文管理系统、档案管理系统和门户网站，以“东湖片区”“征收补偿方案”为关键词，检索了2024年1月1日至2026年3月20日期间形成和获取的文件，并询问了征收管理科' },
  reply_not_this_agency: { reasons: '根据《国有土地上房屋征收与补偿条例》第四条的规定，征收补偿方案由市、县级人民政府确定的房屋征收部门组织实施', competentAgency: { name: '某某市住房和城乡建设局', contact: '某某市解放路8号，电话0571-87654321' } },
  reply_needs_creation: { reasons: '您要求本机关统计2020年至2025年各年度征收补偿金额的汇总数据，本机关没有现成的统计信息' },
  reply_unclear_after_correction: { reasons: '您补正后仍未说明所需信息的名称、文号或者便于本机关查询的其他特征性描述' },
  reply_petition_complaint: { petitionChannel: '某某市信访局（某某市中山路1号）或者12345政务服务便民热线' },
  reply_repeated_request: { earlierReply: { date: '2026-01-20', docNumber: '某某自然资源公开〔2026〕3号' } },
  reply_publication: { publicationSource: '《某某市人民政府公报》2025年第6期，可在市图书馆、档案馆查阅，或登录市人民政府门户网站下载' },
  reply_excessive_requests: { reasons: '您于2026年3月1日至3月9日期间提出政府信息公开申请86件，经本机关要求说明理由，您未能说明理由的合理性' },
  reply_confirm_reissue: { reasons: '您要求本机关对已于2025年12月向您提供的文件加盖印章予以确认' },
  reply_special_law: { specialLaw: { law: '《不动产登记暂行条例》', office: '某某市不动产登记中心' } },
  reply_other: { reasons: '您申请获取的信息系本机关作为民事主体签订的物业服务合同，不属于政府信息公开的范围，本机关不予处理' },
  reply_correction_overdue: {
    closure: { noticeTitle: '政府信息公开申请补正告知书', noticeDate: '2026-03-10', noticeDocNumber: '某某自然资源公开告〔2026〕7号', dueDate: '2026-03-31' },
  },
  reply_fee_unpaid: {
    closure: { noticeTitle: '政府信息公开信息处理费收费通知书', noticeDate: '2026-03-12', noticeDocNumber: '某某自然资源公开告〔2026〕9号', dueDate: '2026-04-10', amount: '1250元' },
  },
  correction_notice: { correction: { items: ['请明确所需信息的名称、文号或者便于本机关查询的其他特征性描述', '请提供申请人有效身份证件复印件', '请说明所需信息的形成时间范围'], periodDays: 15 } },
  third_party_consultation: { consultation: { party: '某某置业有限公司', information: '东湖片区地块国有建设用地使用权出让合同及补充协议', periodDays: 15 } },
  agency_consultation: { consultation: { party: '某某市财政局', information: '2025年度东湖片区征收补偿资金拨付情况的联合通知', periodDays: 15 } },
  other_agency_consultation: { consultation: { party: '某某市自然资源和规划局', information: '东湖片区控制性详细规划调整的批复', periodDays: 15 } },
  secrecy_referral: { consultation: { party: '某某市国家保密局', information: '东湖片区征收补偿工作领导小组会议纪要' } },
  third_party_decision_notice: {
    consultation: { party: '某某置业有限公司', information: '东湖片区地块国有建设用地使用权出让合同及补充协议' },
    thirdPartyOverride: {
      publicInterest: true,
      reason: '该信息涉及公共资源配置，关系公众对国有土地出让价款的监督，公开有利于维护公共利益',
      content: '东湖片区地块国有建设用地使用权出让合同正文及补充协议（出让价款、宗地面积、用途及使用年限条款），不含贵公司法定代表人的个人信息',
    },
  },
  extension_notice: { extension: { days: 20, newDueDate: '2026-05-06', reason: '您申请的信息涉及多个年度、数量较大，需要调取档案并进行保密审查' } },
  deferral_notice: { deferral: { deferredDate: '2026-06-30', reason: '所涉信息数量巨大' } },
  // 109号第四条 tiers computed by the fee code (legal review 31: no invented tiers): the applicant's 12th-14th 件 this month.
  fee_notice: feeFields(feePerItem({ priorItemsThisMonth: 11, items: 3 })),
  delivery_receipt: {
    delivery: {
      documentTitle: '政府信息公开申请答复书',
      documentDocNumber: '某某自然资源公开〔2026〕11号',
      method: '邮政寄送',
      address: '某某市西湖区文三路200号',
      deliveredBy: '王登记',
      carrier: '中国邮政（EMS）',
      trackingNumber: '1234567890123',
    },
  },
};

export function sampleContext(type: string): LetterContext {
  const ctx = { ...baseContext(), ...(EXTRA[type] ?? {}) } as LetterContext;
  if (type.startsWith('reply_withhold_')) ctx.reasons = '经本机关审查，并依照有关规定认定';
  if (type.startsWith('reply_')) {
    const code = type.slice('reply_'.length);
    if (isOutcomeCode(code)) ctx.outcome = code as OutcomeCode;
  }
  return ctx;
}
