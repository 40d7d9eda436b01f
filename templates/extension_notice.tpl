#! type: extension_notice
#! remedy: none
#! document_name: 本告知书
#! seal: sealed
# 适用条款：条例第三十三条第二款
# 使用时机：不能在20个工作日内答复，经政府信息公开工作机构负责人同意延长答复期限的（延长不超过20个工作日）。
# 延长后的答复期限涉及尚未公布节假日安排的年份时，{{dates.extensionDue}} 自带“暂按周一至周五为工作日计算”的标注。
# 程序性文书，不载明救济途径（shared/domain §5）。
@title {{agency.name}}政府信息公开申请延期答复告知书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。因{{extension.reason}}，本机关不能在规定期限内作出答复。根据{{reg}}第三十三条第二款的规定，经{{agency.disclosureOffice}}负责人同意，答复期限延长{{extension.days}}个工作日，至{{dates.extensionDue}}前作出答复。
@p 特此告知。
@signature {{agency.name}}
@date {{dates.issuedOn}}
