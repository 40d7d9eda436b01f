#! type: reply_fee_unpaid
#! outcome: fee_unpaid
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）（不引用该办法的具体条文：其逾期未缴费视为放弃申请的原文尚未核实）
# 使用时机：收费通知送达后申请人逾期未缴纳信息处理费的（视为放弃申请）。期限届满时系统只提出拟视为放弃申请的意见，经报批、审批后出具本答复书并送达。
# 写明所依据的收费通知书（日期、文号、金额）和已届满的缴费期限；因正当理由重新计算过缴费期限的，一并写明。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
{{#if closure}}
@p {{#if closure.noticeDocNumber}}本机关于{{dates.closureNotice}}向您发出《{{closure.noticeTitle}}》（{{closure.noticeDocNumber}}）{{else}}本机关已向您发出《{{closure.noticeTitle}}》{{/if}}，告知您应缴纳的信息处理费{{#if closure.amount}}{{closure.amount}}{{/if}}及缴纳期限。{{#if closure.reopenedOn}}本机关于{{dates.closureReopened}}因正当理由为您重新计算缴费期限，{{/if}}缴费期限已于{{dates.closureDue}}届满，您逾期未按收费通知要求缴纳信息处理费。根据{{citation}}的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。
{{else}}
@p 本机关已于此前向您发出收费通知书，您逾期未按收费通知要求缴纳信息处理费。根据{{citation}}的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。
{{/if}}
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
