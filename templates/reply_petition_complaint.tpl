#! type: reply_petition_complaint
#! outcome: petition_complaint
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第三十九条第一款
# 使用时机：以政府信息公开申请的形式进行信访、投诉、举报等活动的；告知应通过的渠道。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 经审查，您的申请实质是以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{{citation}}的规定，本机关不作为政府信息公开申请处理。您可以通过{{petitionChannel}}提出。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
