#! type: third_party_decision_notice
#! remedy: ordinary
#! document_name: 本告知书
#! seal: sealed
# 适用条款：条例第三十二条（不公开可能对公共利益造成重大影响的，决定予以公开）
# 使用时机：第三方不同意公开，但本机关决定公开的；在公开前书面告知第三方决定公开的内容和理由。第三方可以对该决定申请复议或提起诉讼。
@title {{agency.name}}政府信息公开决定告知书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{consultation.party}}：
@p 本机关于{{dates.receiptDate}}收到政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{consultation.information}}”，并已就此书面征求您的意见。
@p 经审查，本机关认为不公开该信息可能对公共利益造成重大影响，理由如下：{{consultation.reason}}。根据{{reg}}第三十二条的规定，本机关决定予以公开，现将决定公开的政府信息内容和理由书面告知您。
@remedy
@p 特此告知。
@signature {{agency.name}}
@date {{dates.issuedOn}}
