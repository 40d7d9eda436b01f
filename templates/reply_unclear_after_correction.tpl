#! type: reply_unclear_after_correction
#! outcome: unclear_after_correction
#! remedy: outcome
# 适用条款：条例第三十条
# 使用时机：经补正后申请内容仍然不明确的。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到您以{{channelText}}方式提交的政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 本机关已于此前书面告知您对申请作出补正。经审查，您补正后的申请内容仍然不明确，本机关无法确定您所需的政府信息。{{#if reasons}}{{reasons}}。{{/if}}根据{{citation}}的规定，本机关对该申请不予处理。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
