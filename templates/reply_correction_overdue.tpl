#! type: reply_correction_overdue
#! outcome: correction_overdue
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第三十条
# 使用时机：补正告知书送达后申请人无正当理由逾期不补正的（视为放弃申请）。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到您以{{channelText}}方式提交的政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 本机关已于此前向您发出补正告知书，告知您在规定期限内补正。您无正当理由逾期未补正。根据{{citation}}的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
