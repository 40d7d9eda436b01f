#! type: reply_fee_unpaid
#! outcome: fee_unpaid
#! remedy: outcome
#! seal: sealed
# 适用条款：《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）
# 使用时机：收费通知送达后申请人逾期未缴纳信息处理费的（视为放弃申请）。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到您以{{channelText}}方式提交的政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 本机关已于此前向您发出收费通知书，您逾期未按收费通知要求缴纳信息处理费。根据{{citation}}的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
