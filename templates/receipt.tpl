#! type: receipt
#! remedy: none
#! document_name: 本回执
#! seal: sealed
# 适用条款：条例第三十一条（收到申请之日的确定）
# 使用时机：收到政府信息公开申请后当场或当日出具。
# 程序性文书，不载明救济途径（shared/domain §5）。
@title {{agency.name}}政府信息公开申请登记回执
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请，申请获取“{{case.description}}”。现予登记，登记信息如下：
@table
| 案件编号 | {{case.caseNumber}} |
| 查询码 | {{case.trackingCode}} |
| 收到申请日期 | {{dates.receiptDate}} |
| 提交方式 | {{channelText}} |
@p 收到申请之日依照下列规定确定：{{receiptRule}}。您可以凭案件编号和查询码查询办理进度。
@p 联系地址：{{agency.address}}；联系电话：{{agency.phone}}。
@signature {{agency.name}}
@date {{dates.issuedOn}}
