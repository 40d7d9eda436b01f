#! type: reply_withhold_enforcement_file
#! outcome: withhold_enforcement_file
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第十六条第二款
# 使用时机：行政执法案卷信息；必须写明具体理由。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 经审查，您申请获取的信息属于行政执法案卷信息。{{reasons}}。根据{{citation}}的规定，本机关决定不予公开。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
