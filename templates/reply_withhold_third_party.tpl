#! type: reply_withhold_third_party
#! outcome: withhold_third_party
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第十五条、第三十二条
# 使用时机：涉及商业秘密、个人隐私等，第三方不同意公开且有合理理由（或逾期未提出意见、经审查决定不予公开），且不公开不会对公共利益造成重大影响的；必须写明具体理由。第三方同意公开的，不得以此为由不予公开（条例第十五条）。
# 征求第三方意见的情况由系统按案件记录写明：不同意公开 / 逾期未提出意见 / 未征求意见及其理由。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 经审查，您申请获取的信息涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的内容。{{#if thirdParty.consulted}}本机关已依照{{reg}}第三十二条的规定书面征求第三方意见，{{#if thirdParty.objected}}第三方不同意公开，本机关经审查认为其理由合理。{{else}}第三方在规定期限内未提出意见，依照该条的规定，由本机关依照{{reg}}的规定决定是否公开。{{/if}}{{/if}}{{#if thirdParty.notConsulted}}本机关{{#if thirdParty.consulted}}对其他第三方{{/if}}未征求意见，理由是：{{thirdParty.notConsulted}}。{{/if}}{{reasons}}。根据{{citation}}的规定，本机关决定不予公开。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
