#! type: reply_confirm_reissue
#! outcome: confirm_reissue
#! remedy: outcome
#! seal: sealed
# 适用条款：无具体条款（年度报告表三（五）5）
# 使用时机：申请人要求行政机关确认或重新出具已获取信息的。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 经审查，您的申请系要求本机关确认或者重新出具您已获取的信息。{{#if reasons}}{{reasons}}。{{/if}}该申请不属于政府信息公开申请的范围，本机关不予处理。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
