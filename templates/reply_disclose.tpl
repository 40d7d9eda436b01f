#! type: reply_disclose
#! outcome: disclose
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第三十六条第（二）项、第四十条
# 使用时机：经保密审查（条例第十七条）可以公开的，向申请人提供或告知获取方式、途径和时间。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 经审查，您申请获取的信息属于可以公开的政府信息。根据{{citation}}的规定，本机关决定予以公开。{{provision}}。
@remedy
@p 特此答复。
{{#if attachments}}
@p 附件：
{{#each attachments}}
@item {{@number}}.{{this.name}}（{{this.pages}}页）
{{/each}}
{{/if}}
@signature {{agency.name}}
@date {{dates.issuedOn}}
