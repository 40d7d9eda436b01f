#! type: delivery_receipt
#! remedy: none
#! document_name: 本回证
#! seal: unsealed
# 适用条款：条例第四十条；国办公开办函〔2016〕235号（送达记录）
# 使用时机：向申请人送达答复或告知文书时填制，由受送达人签收。
# 程序性文书，不载明救济途径（shared/domain §5）。
@title {{agency.name}}送达回证
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@table
| 案件编号 | {{case.caseNumber}} |
| 送达文书 | {{delivery.documentTitle}} |
| 文号 | {{#if docNumber}}{{docNumber}}{{else}}（待编号）{{/if}} |
| 受送达人 | {{applicant.name}} |
| 送达地址 | {{delivery.address}} |
| 送达方式 | {{delivery.method}} |
| 收件人签名 |  |
| 签收日期 | 年　月　日 |
| 送达人 | {{agency.disclosureOffice}} |
@p 备注：以邮寄方式送达的，以交邮日期及邮件签收记录为准。
@signature {{agency.name}}
@date {{dates.issuedOn}}
