#! type: fee_notice
#! remedy: none
#! document_name: 本通知书
#! seal: sealed
# 适用条款：条例第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）
# 使用时机：申请数量、频次明显超过合理范围，依法收取信息处理费的。缴费期内不作为可复议决定，不载明救济途径。
# 缴费期限自申请人收到本通知之日起计算，只印期间、不印日期：发出时尚不知道申请人何时收到。
# 程序性文书，不载明救济途径（shared/domain §5）。
@title {{agency.name}}政府信息公开信息处理费收费通知书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。根据{{reg}}第四十二条和{{fee.basis}}的规定，本机关对您的申请收取信息处理费，计算如下：
@table
| 计费档次 | 数量 | 标准 | 金额 |
{{#each fee.rows}}
| {{this.tier}} | {{this.quantity}} | {{this.rate}} | {{this.amount}} |
{{/each}}
| 合计 |  |  | {{fee.total}} |
@p 请您自收到本通知之日起{{fee.periodDays}}个工作日内通过{{fee.payment}}缴纳上述费用。本机关收到费用后继续办理您的申请。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。
@p 特此通知。
@signature {{agency.name}}
@date {{dates.issuedOn}}
