#! type: reply_partial
#! outcome: partial
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第三十七条，以及每一不予提供部分的依据：第十四、十五、十六条（不予公开），或第二条（不属于政府信息）
# 使用时机：所申请信息含有不应当公开或者不属于政府信息的内容，但能够区分处理的；逐项写明不予提供的部分、依据及理由。
# 救济条款由系统按各部分的依据生成：依第十四、十五、十六条不予公开的部分复议前置，本答复的其他内容（含不属于政府信息的部分）可复议或诉讼。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 经审查，您申请获取的信息中含有{{partial.content}}的内容，但能够作区分处理。根据{{citation}}的规定，本机关向您提供可以公开的信息内容。{{#if provision}}{{provision}}。{{/if}}
@p 对下列部分{{#if partial.withholds}}不予公开{{#if partial.notGovernmentInformation}}或者不予提供{{/if}}{{else}}不予提供{{/if}}，理由如下：
{{#each withheldParts}}
@item {{@number}}.“{{this.part}}”：{{#if this.stateSecret}}经保密审查，该部分已依法确定为国家秘密。{{/if}}{{#if this.lawForbids}}该部分属于{{this.lawProvision}}禁止公开的信息。{{/if}}{{this.reason}}。根据{{#if this.lawForbids}}{{this.lawProvision}}和{{/if}}{{this.citation}}的规定，{{this.conclusion}}。
{{/each}}
{{#if thirdParty}}@p 对涉及第三方合法权益的部分，{{#if thirdParty.consulted}}本机关已依照{{reg}}第三十二条的规定书面征求第三方意见，{{#if thirdParty.objected}}第三方不同意公开，本机关经审查认为其理由合理。{{else}}第三方在规定期限内未提出意见，依照该条的规定，由本机关依照{{reg}}的规定决定是否公开。{{/if}}{{/if}}{{#if thirdParty.notConsulted}}本机关{{#if thirdParty.consulted}}对其他第三方{{/if}}未征求意见，理由是：{{thirdParty.notConsulted}}。{{/if}}{{/if}}
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
