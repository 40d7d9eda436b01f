#! type: third_party_decision_notice
#! remedy: ordinary
#! document_name: 本告知书
#! seal: sealed
# 适用条款：条例第十五条、第三十二条（第三方不同意公开，但本机关认为不公开可能对公共利益造成重大影响，或者第三方不同意公开的理由不合理的，决定予以公开）
# 使用时机：在公开前书面告知第三方决定公开的政府信息内容和理由；内容、理由取自办理意见中记录的认定（overrideGround、overrideReason、disclosedContent），不得使用套话。第三方可以对该决定申请复议或提起诉讼。
@title {{agency.name}}政府信息公开决定告知书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{consultation.party}}：
@p 本机关于{{dates.receiptDate}}收到政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{consultation.information}}”。本机关已就此书面征求您的意见，您不同意公开。
@p 经审查，{{#if thirdPartyOverride.publicInterest}}本机关认为不公开该信息可能对公共利益造成重大影响{{else}}本机关认为您不同意公开的理由不合理{{/if}}，理由如下：{{thirdPartyOverride.reason}}。根据{{reg}}{{#if thirdPartyOverride.publicInterest}}第十五条、{{/if}}第三十二条的规定，本机关决定予以公开，现将决定公开的政府信息内容和理由书面告知您。
@p 决定公开的政府信息内容：{{thirdPartyOverride.content}}。
@remedy
@p 特此告知。
@signature {{agency.name}}
@date {{dates.issuedOn}}
