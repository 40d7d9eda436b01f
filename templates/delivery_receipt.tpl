#! type: delivery_receipt
#! remedy: none
#! document_name: 本回证
#! seal: unsealed
# 适用条款：国办公开办函〔2016〕235号（政府信息公开处理决定的送达：直接送达、委托送达或通过邮政企业邮寄，邮寄以交邮之日为送达日期）
# 使用时机：向申请人送达答复或告知文书时填制，由受送达人签收。
# “文号”一栏为所送达文书的文号（本回证自己的文号在标题下）；送达人为送达文书的工作人员。
# 程序性文书，不载明救济途径（shared/domain §5）。
@title {{agency.name}}送达回证
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@table
| 案件编号 | {{case.caseNumber}} |
| 送达文书 | {{delivery.documentTitle}} |
| 文号 | {{#if delivery.documentDocNumber}}{{delivery.documentDocNumber}}{{else}}—{{/if}} |
| 受送达人 | {{applicant.name}} |
| 送达地址 | {{delivery.address}} |
| 送达方式 | {{delivery.method}} |
{{#if delivery.carrier}}
| 邮政企业 | {{delivery.carrier}} |
| 邮件号 | {{delivery.trackingNumber}} |
| 交邮日期 | {{#if dates.deliveredOn}}{{dates.deliveredOn}}{{else}}{{dates.issuedOn}}{{/if}} |
{{/if}}
| 收件人签名 |  |
| 签收日期 | 年　月　日 |
| 送达人 | {{#if delivery.deliveredBy}}{{delivery.deliveredBy}}{{else}}{{agency.disclosureOffice}}{{/if}} |
@p 备注：以邮寄方式送达的，以交邮之日为送达日期，并以邮件签收记录为凭（国办公开办函〔2016〕235号）。
@signature {{agency.name}}
@date {{dates.issuedOn}}
