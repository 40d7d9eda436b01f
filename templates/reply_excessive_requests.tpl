#! type: reply_excessive_requests
#! outcome: excessive_requests
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第三十五条
# 使用时机：申请数量、频次明显超过合理范围且说明的理由不合理的，决定不予处理。（理由合理但无法按期答复的，使用 deferral_notice。）
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 您的申请数量、频次明显超过合理范围。本机关已要求您说明理由，{{reasons}}。根据{{citation}}的规定，本机关认为申请理由不合理，对该申请不予处理。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
