#! type: third_party_consultation
#! remedy: none
#! document_name: 本函
#! seal: sealed
# 适用条款：条例第三十二条
# 使用时机：公开会损害第三方合法权益的，书面征求第三方意见。
# 答复期限自第三方收到本函之日起计算，只印期间、不印日期：发函时尚不知道对方何时收到（条例第三十二条）。
# 程序性文书，不载明救济途径（shared/domain §5）。
@title {{agency.name}}政府信息公开第三方意见征询函
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{consultation.party}}：
@p 本机关于{{dates.receiptDate}}收到政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{consultation.information}}”。该信息的公开可能损害您的合法权益。根据{{reg}}第三十二条的规定，现书面征求您的意见。
@p 请您自收到本函之日起{{consultation.periodDays}}个工作日内提出是否同意公开的书面意见；不同意公开的，请说明理由。逾期未提出意见的，由本机关依照{{reg}}的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知您。
@p 联系人：{{agency.disclosureOffice}}；联系电话：{{agency.phone}}；地址：{{agency.address}}。
@p 特此函告。
@signature {{agency.name}}
@date {{dates.issuedOn}}
