#! type: reply_other
#! outcome: other
#! remedy: outcome
#! seal: sealed
# 适用条款：视具体情形写明依据
# 使用时机：不属于以上各类情形的其他处理；须在 reasons 中写明处理结果和依据。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 经审查，{{reasons}}。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
