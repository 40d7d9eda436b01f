#! type: reply_partial
#! outcome: partial
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第三十七条，以及不予公开部分所依据的第十四、十五、十六条
# 使用时机：所申请信息含有不应当公开的内容但能够区分处理的；逐项写明不予公开部分及理由。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到您以{{channelText}}方式提交的政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 经审查，您申请获取的信息中含有不应当公开的内容，但能够作区分处理。根据{{citation}}的规定，本机关向您提供可以公开的信息内容。{{#if provision}}{{provision}}。{{/if}}
@p 对下列部分不予公开，理由如下：
{{#each withheldParts}}
@item {{@number}}.“{{this.part}}”：{{this.reason}}。根据{{this.citation}}的规定，该部分不予公开。
{{/each}}
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
