#! type: reply_withhold_internal_affairs
#! outcome: withhold_internal_affairs
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第十六条第一款
# 使用时机：人事管理、后勤管理、内部工作流程等内部事务信息；必须写明具体理由。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 经审查，您申请获取的信息属于行政机关的内部事务信息。{{reasons}}。根据{{citation}}的规定，本机关决定不予公开。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
