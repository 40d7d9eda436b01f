#! type: other_agency_consultation
#! remedy: none
#! document_name: 本函
#! seal: sealed
# 适用条款：条例第十一条（公开政府信息涉及其他机关的，应当与有关机关协商、确认）、第三十三条第三款
# 使用时机：申请公开的信息涉及其他机关、需要协商确认，但不属于共同制作（第三十四条）或报请确定（第十七条第三款）的（basis: other）。
# 法规未规定答复期限，也不视为同意：本机关给予自收到本函之日起15个工作日的合理期限，逾期由本机关依法决定（docs/decisions/notice-receipt.md）。
# 程序性文书，不载明救济途径（shared/domain §5）。
@title {{agency.name}}政府信息公开征求意见函
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{consultation.party}}：
@p 本机关于{{dates.receiptDate}}收到政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{consultation.information}}”。该信息的公开涉及贵机关。根据{{reg}}第十一条关于行政机关公开政府信息涉及其他机关的，应当与有关机关协商、确认的规定，现征求贵机关意见。
@p 请贵机关自收到本函之日起{{consultation.periodDays}}个工作日内提出书面意见。逾期未提出意见的，本机关将依照{{reg}}的规定作出决定。
@p 联系人：{{agency.disclosureOffice}}；联系电话：{{agency.phone}}。
@p 特此函告。
@signature {{agency.name}}
@date {{dates.issuedOn}}
