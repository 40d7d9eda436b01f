#! type: agency_consultation
#! remedy: none
#! document_name: 本函
#! seal: sealed
# 适用条款：条例第三十四条
# 使用时机：申请公开的信息由两个以上行政机关共同制作的，征求相关行政机关意见（basis: coProducer）。
# 答复期限自对方收到本函之日起计算，只印期间、不印日期：发函时尚不知道对方何时收到（条例第三十四条）。
# 程序性文书，不载明救济途径（shared/domain §5）。
@title {{agency.name}}政府信息公开征求意见函
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{consultation.party}}：
@p 本机关于{{dates.receiptDate}}收到政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{consultation.information}}”。该信息由本机关与贵机关共同制作。根据{{reg}}第三十四条的规定，现征求贵机关意见。
@p 请贵机关自收到本函之日起{{consultation.periodDays}}个工作日内提出书面意见；逾期未提出意见的，视为同意公开。
@p 联系人：{{agency.disclosureOffice}}；联系电话：{{agency.phone}}。
@p 特此函告。
@signature {{agency.name}}
@date {{dates.issuedOn}}
