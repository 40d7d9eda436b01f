#! type: reply_withhold_third_party
#! outcome: withhold_third_party
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第十五条、第三十二条
# 使用时机：涉及商业秘密、个人隐私等，第三方不同意公开且不公开不会对公共利益造成重大影响的；必须写明具体理由。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到您以{{channelText}}方式提交的政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 经审查，您申请获取的信息涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的内容。本机关已依照条例第三十二条的规定书面征求第三方意见，第三方不同意公开。{{reasons}}。根据{{citation}}的规定，本机关决定不予公开。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
