#! type: correction_notice
#! remedy: none
#! document_name: 本告知书
#! seal: sealed
# 适用条款：条例第三十条
# 使用时机：申请内容不明确的，自收到申请之日起7个工作日内一次性告知需要补正的事项。
# 补正期限以工作日计，自申请人收到本告知书之日起算（条例第三十条；不印固定日期：送达日在发出时尚不确定）。
# 条例第三十条要求“给予指导和释明”：告知书载明联系方式、补正材料的提交方式和帮助途径。
# 程序性文书，不载明救济途径（shared/domain §5）。
@title {{agency.name}}政府信息公开申请补正告知书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。经审查，您的申请内容不明确。根据{{reg}}第三十条的规定，请您对下列事项作出补正：
{{#each correction.items}}
@item {{@number}}.{{this}}
{{/each}}
@p 请您自收到本告知书之日起{{correction.periodDays}}个工作日内，向本机关提交补正后的申请或者补正材料。补正材料可以当面提交或者邮寄至{{agency.disclosureOffice}}{{#if agency.address}}（地址：{{agency.address}}{{#if agency.postalCode}}，邮政编码：{{agency.postalCode}}{{/if}}）{{/if}}{{#if agency.email}}，也可以发送电子邮件至{{agency.email}}{{/if}}。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。
@p 您对需要补正的事项有疑问或者在补正中需要帮助的，可以联系{{agency.disclosureOffice}}{{#if agency.phone}}（联系电话：{{agency.phone}}）{{/if}}，本机关将给予指导和释明。
@p 特此告知。
@signature {{agency.name}}
@date {{dates.issuedOn}}
