#! type: deferral_notice
#! remedy: none
#! document_name: 本告知书
#! seal: sealed
# 适用条款：条例第三十五条
# 使用时机：申请数量、频次明显超过合理范围，申请人说明理由合理但无法在规定期限内答复的，确定延迟答复的合理期限。
# 程序性文书，不载明救济途径（shared/domain §5）。
@title {{agency.name}}政府信息公开申请延迟答复告知书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。您的申请数量、频次明显超过合理范围，经您说明理由，本机关认为理由合理，但{{deferral.reason}}，无法在规定期限内答复。根据{{reg}}第三十五条的规定，本机关确定延迟答复的合理期限，将于{{dates.deferredDate}}前作出答复。
@p 特此告知。
@signature {{agency.name}}
@date {{dates.issuedOn}}
