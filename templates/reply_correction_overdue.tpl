#! type: reply_correction_overdue
#! outcome: correction_overdue
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第三十条
# 使用时机：补正告知书送达后申请人无正当理由逾期不补正的（视为放弃申请）。期限届满时系统只提出拟视为放弃申请的意见，经报批、审批后出具本答复书并送达。
# 写明所依据的补正告知书（日期、文号）和已届满的补正期限；因正当理由重新计算过补正期限的，一并写明。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
{{#if closure}}
@p {{#if closure.noticeDocNumber}}本机关于{{dates.closureNotice}}向您发出《{{closure.noticeTitle}}》（{{closure.noticeDocNumber}}）{{else}}本机关已向您发出《{{closure.noticeTitle}}》{{/if}}，告知您需要补正的事项和补正期限。{{#if closure.reopenedOn}}本机关于{{dates.closureReopened}}因正当理由为您重新计算补正期限，{{/if}}补正期限已于{{dates.closureDue}}届满，本机关未收到您补正的申请或者补正材料，也未收到您逾期补正的正当理由。根据{{citation}}的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。
{{else}}
@p 本机关已于此前向您发出补正告知书，告知您在规定期限内补正。您无正当理由逾期未补正。根据{{citation}}的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。
{{/if}}
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
