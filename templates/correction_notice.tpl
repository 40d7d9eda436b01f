#! type: correction_notice
#! remedy: none
#! document_name: 本告知书
# 适用条款：条例第三十条
# 使用时机：申请内容不明确的，自收到申请之日起7个工作日内一次性告知需要补正的事项。
# 程序性文书，不载明救济途径（shared/domain §5）。
@title {{agency.name}}政府信息公开申请补正告知书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到您以{{channelText}}方式提交的政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。经审查，您的申请内容不明确。根据{{reg}}第三十条的规定，请您对下列事项作出补正：
{{#each correction.items}}
@item {{@number}}.{{this}}
{{/each}}
@p 请您于{{correction.periodDays}}日内，即{{dates.correctionDue}}前，向本机关提交补正材料。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。
@p 特此告知。
@signature {{agency.name}}
@date {{dates.issuedOn}}
