#! type: reply_unclear_after_correction
#! outcome: unclear_after_correction
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第三十条
# 使用时机：经补正后申请内容仍然不明确的。年度报告计入三（四）3“无法提供”，不是“不予处理”。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 本机关已于此前书面告知您对申请作出补正。经审查，{{#if reasons}}{{reasons}}。{{/if}}您补正后的申请内容仍不明确，本机关无法确定您申请公开的政府信息，无法向您提供。根据{{citation}}的规定，现予告知。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
