<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="zh_CN">
<context>
    <name>AppContext</name>
    <message>
        <source>发生了意外错误，操作没有完成，选举文件未被改动。
请把下面这行告诉技术支持人员：
{detail}</source>
        <translation>An unexpected error occurred. The operation was not completed and the election file was not changed.
Please give this line to technical support:
{detail}</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>每一项修改都记在这里：谁、什么时间、做了什么。每条记录带有上一条的哈希值，在软件之外删改任何一条都会被“校验此文件”发现。</source>
        <translation>Every change is recorded here: who, when and what. Each entry carries the hash of the one before, so &quot;Verify this file&quot; finds any entry altered or removed outside the app.</translation>
    </message>
    <message>
        <source>查找内容（如姓名、编号、事项）</source>
        <translation>Search the details (name, code, event)</translation>
    </message>
    <message>
        <source>校验此文件</source>
        <translation>Verify this file</translation>
    </message>
    <message>
        <source>全部事项</source>
        <translation>All events</translation>
    </message>
    <message>
        <source>全部操作员</source>
        <translation>All operators</translation>
    </message>
    <message>
        <source>共 {total} 条，显示 {shown} 条</source>
        <translation>{total} entries, {shown} shown</translation>
    </message>
    <message>
        <source>正在校验…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>正在校验选举文件</source>
        <translation>Verifying the election file</translation>
    </message>
</context>
<context>
    <name>BallotsPage</name>
    <message>
        <source>选票</source>
        <translation>Ballots</translation>
    </message>
    <message>
        <source>选举事项</source>
        <translation>Contest</translation>
    </message>
    <message>
        <source>轮次</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>正在生成预览…</source>
        <translation>Making the preview…</translation>
    </message>
    <message>
        <source>印制选票</source>
        <translation>Print ballots</translation>
    </message>
    <message>
        <source> 张</source>
        <translation> sheets</translation>
    </message>
    <message>
        <source>印样票（标有“样票 不计票”，用于试印和培训）</source>
        <translation>Sample ballots (marked &quot;SAMPLE – not counted&quot;, for test prints and training)</translation>
    </message>
    <message>
        <source>张数</source>
        <translation>Sheets</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>每次印制登记为一个批次（张数、时间、操作员、防伪码摘要），记入审计日志。每张选票的防伪码随机生成，不与任何人对应。</source>
        <translation>Each print is recorded as a run (sheets, time, operator, digest of the serials) in the audit log. Every sheet gets a random serial that is never linked to a person.</translation>
    </message>
    <message>
        <source>已印制的批次</source>
        <translation>Print runs</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>已作废</source>
        <translation>Spoiled</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>本事项还没有印制过选票。</source>
        <translation>No ballots have been printed for this contest yet.</translation>
    </message>
    <message>
        <source>登记作废票</source>
        <translation>Spoil a sheet</translation>
    </message>
    <message>
        <source>选票二维码下方的 10 位防伪码</source>
        <translation>The 10-character serial under the QR code</translation>
    </message>
    <message>
        <source>如：印刷污损、填写错误后换票</source>
        <translation>e.g. misprinted, replaced after a voter&apos;s mistake</translation>
    </message>
    <message>
        <source>登记作废</source>
        <translation>Spoil</translation>
    </message>
    <message>
        <source>防伪码</source>
        <translation>Serial</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>还没有可以印制的选举事项</source>
        <translation>No contest to print yet</translation>
    </message>
    <message>
        <source>先在“选举事项和候选人”中添加选举事项和候选人。</source>
        <translation>First add contests and candidates under &quot;Contests and candidates&quot;.</translation>
    </message>
    <message>
        <source>去添加选举事项</source>
        <translation>Add a contest</translation>
    </message>
    <message>
        <source>第 {n} 轮</source>
        <translation>Round {n}</translation>
    </message>
    <message>
        <source>建议：应到 {e} 人，另加备用 {s} 张</source>
        <translation>Suggested: {e} expected voters plus {s} spare sheets</translation>
    </message>
    <message>
        <source>样票</source>
        <translation>Sample</translation>
    </message>
    <message>
        <source>正式</source>
        <translation>Official</translation>
    </message>
    <message>
        <source>预览：第 {n} 轮 · {paper} · 候选人 {k} 名 · 这是印出来的样子（预览中的二维码无效）</source>
        <translation>Preview: round {n} · {paper} · {k} candidates · as it will print (the QR code in the preview is not valid)</translation>
    </message>
    <message>
        <source>选票另存为 PDF</source>
        <translation>Save ballots as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>正在生成 {n} 张选票…</source>
        <translation>Making {n} ballots…</translation>
    </message>
    <message>
        <source>正在印制选票</source>
        <translation>Printing ballots</translation>
    </message>
    <message>
        <source>打印选票</source>
        <translation>Print ballots</translation>
    </message>
    <message>
        <source>正在打印选票</source>
        <translation>Printing ballots</translation>
    </message>
    <message>
        <source>✓ 已印制第 {n} 轮{kind} {count} 张（批次 {run}，{paper}）：{path}</source>
        <translation>✓ Printed {count} {kind} for round {n} (run {run}, {paper}): {path}</translation>
    </message>
    <message>
        <source>请输入选票上的防伪码。</source>
        <translation>Type the serial printed on the sheet.</translation>
    </message>
    <message>
        <source>✓ 已登记作废：{serial}。扫描到这张选票时将被拒收。</source>
        <translation>✓ Spoiled: {serial}. The sheet will be refused if it is scanned.</translation>
    </message>
</context>
<context>
    <name>CheckinPage</name>
    <message>
        <source>应到（有选举权）</source>
        <translation>Expected (with the vote)</translation>
    </message>
    <message>
        <source>实到</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>未到</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>报到</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <source>扫描代表证，或输入姓名 / 编号，按回车报到</source>
        <translation>Scan a delegate card, or type a name / code and press Enter</translation>
    </message>
    <message>
        <source>为所选的人报到</source>
        <translation>Check in the selected person</translation>
    </message>
    <message>
        <source>撤销所选的人的报到</source>
        <translation>Undo the selected person&apos;s check-in</translation>
    </message>
    <message>
        <source>撤销上一次报到</source>
        <translation>Undo the last check-in</translation>
    </message>
    <message>
        <source>各选举单位</source>
        <translation>By electoral unit</translation>
    </message>
    <message>
        <source>选举单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>应到</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>到会比例</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>（未分配选举单位）</source>
        <translation>(no electoral unit)</translation>
    </message>
    <message>
        <source>法定人数（各选举事项）</source>
        <translation>Quorum (per contest)</translation>
    </message>
    <message>
        <source>还没有选举事项。</source>
        <translation>No contests yet.</translation>
    </message>
    <message>
        <source>实到 {p} / 应到 {e}（须{rule}）</source>
        <translation>{p} present / {e} expected (needs {rule})</translation>
    </message>
    <message>
        <source>✓ 已达到</source>
        <translation>✓ Met</translation>
    </message>
    <message>
        <source>✗ 未达到</source>
        <translation>✗ Not met</translation>
    </message>
    <message>
        <source>符合的人：{n} 位。有多人时用 ↑ ↓ 选择，再按回车。</source>
        <translation>{n} match(es). If there are several, choose with ↑ ↓ and press Enter.</translation>
    </message>
    <message>
        <source>✓ 已报到 {time}</source>
        <translation>✓ Checked in {time}</translation>
    </message>
    <message>
        <source>未报到</source>
        <translation>Not checked in</translation>
    </message>
    <message>
        <source>（无选举权）</source>
        <translation> (no vote)</translation>
    </message>
    <message>
        <source>最近报到（最新的在上面）：</source>
        <translation>Latest check-ins (newest first):</translation>
    </message>
    <message>
        <source>还没有人报到。</source>
        <translation>Nobody has checked in yet.</translation>
    </message>
    <message>
        <source>✗ 查无此人：“{token}”。请核对代表证或姓名。</source>
        <translation>✗ Nobody found for &quot;{token}&quot;. Check the card or the name.</translation>
    </message>
    <message>
        <source>✓ {who} 报到成功</source>
        <translation>✓ {who} checked in</translation>
    </message>
    <message>
        <source>✓ {who} 已报到（无选举权，不计入实到）</source>
        <translation>✓ {who} checked in (no vote: not counted as present)</translation>
    </message>
    <message>
        <source>{who} 此前已报到（{time}），无需重复报到</source>
        <translation>{who} had already checked in ({time}); nothing to do</translation>
    </message>
    <message>
        <source>已撤销 {who} 的报到</source>
        <translation>Check-in of {who} undone</translation>
    </message>
    <message>
        <source>{who} 尚未报到，无需撤销</source>
        <translation>{who} has not checked in; nothing to undo</translation>
    </message>
    <message>
        <source>✗ 查无此人：“{token}”。</source>
        <translation>✗ Nobody found for &quot;{token}&quot;.</translation>
    </message>
    <message>
        <source>✗ 未能报到：{why}</source>
        <translation>✗ Not checked in: {why}</translation>
    </message>
</context>
<context>
    <name>ContestCard</name>
    <message>
        <source>✓ 已就绪</source>
        <translation>✓ Ready</translation>
    </message>
    <message>
        <source>还差 {n} 项</source>
        <translation>{n} to do</translation>
    </message>
    <message>
        <source>应选</source>
        <translation>Seats</translation>
    </message>
    <message>
        <source>候选人</source>
        <translation>Candidates</translation>
    </message>
    <message>
        <source>差额（比例）</source>
        <translation>Margin (ratio)</translation>
    </message>
    <message>
        <source>实到 / 应到</source>
        <translation>Present / expected</translation>
    </message>
    <message>
        <source>至少 {need} 名候选人 · 到会须{rule} · {rounds}</source>
        <translation>at least {need} candidates · attendance: {rule} · {rounds}</translation>
    </message>
    <message>
        <source>第 {n} 轮</source>
        <translation>Round {n}</translation>
    </message>
    <message>
        <source>（结果已确认）</source>
        <translation> (result certified)</translation>
    </message>
    <message>
        <source>（已宣布无效）</source>
        <translation> (declared void)</translation>
    </message>
    <message>
        <source>尚未开始投票</source>
        <translation>voting not started</translation>
    </message>
    <message>
        <source>✓ 结果已确认</source>
        <translation>✓ Result certified</translation>
    </message>
    <message>
        <source>去处理 →</source>
        <translation>Go there →</translation>
    </message>
</context>
<context>
    <name>ContestsPage</name>
    <message>
        <source>选举事项</source>
        <translation>Contests</translation>
    </message>
    <message>
        <source>＋ 新增选举事项</source>
        <translation>+ New contest</translation>
    </message>
    <message>
        <source>候选人（选票顺序）</source>
        <translation>Candidates (ballot order)</translation>
    </message>
    <message>
        <source>选举规则</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>监票人和计票人</source>
        <translation>Scrutineers and counters</translation>
    </message>
    <message>
        <source>还没有选举事项</source>
        <translation>No contests yet</translation>
    </message>
    <message>
        <source>点左下角“新增选举事项”，例如“委员”“纪委委员”“出席上级党代会代表”。</source>
        <translation>Click &quot;New contest&quot; at the bottom left, e.g. committee members, discipline commission members, delegates to the higher congress.</translation>
    </message>
    <message>
        <source>序</source>
        <translation>#</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>顺序</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>调整顺序（会记入审计日志）</source>
        <translation>Change the order (recorded in the audit log)</translation>
    </message>
    <message>
        <source>↑ 上移</source>
        <translation>↑ Move up</translation>
    </message>
    <message>
        <source>↓ 下移</source>
        <translation>↓ Move down</translation>
    </message>
    <message>
        <source>恢复姓氏笔画顺序</source>
        <translation>Back to stroke order</translation>
    </message>
    <message>
        <source>删除所选候选人</source>
        <translation>Remove the selected candidate</translation>
    </message>
    <message>
        <source>从名单添加候选人</source>
        <translation>Add a candidate from the roster</translation>
    </message>
    <message>
        <source>输入姓名或编号查找</source>
        <translation>Type a name or code to search</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>添加名单以外的人员</source>
        <translation>Add a person not on the roster</translation>
    </message>
    <message>
        <source>姓名，可带备注如“张三（女）”</source>
        <translation>Name, optionally with a note, e.g. 张三（女）</translation>
    </message>
    <message>
        <source>添加名单外人员</source>
        <translation>Add outside person</translation>
    </message>
    <message>
        <source>如 WY（字母、数字）</source>
        <translation>e.g. WY (letters, digits)</translation>
    </message>
    <message>
        <source>如 中国共产党××区第六届委员会委员</source>
        <translation>e.g. 中国共产党××区第六届委员会委员</translation>
    </message>
    <message>
        <source>仅当最低差额比例低于规定时填写理由</source>
        <translation>Only when the minimum margin is below the rule: the reason</translation>
    </message>
    <message>
        <source>另选他人须在姓名上方画 ○ 才算一票</source>
        <translation>A written-in name counts only with ○ above it</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>选举方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>应选名额</source>
        <translation>Seats</translation>
    </message>
    <message>
        <source>选举人</source>
        <translation>Voters</translation>
    </message>
    <message>
        <source>选票样式</source>
        <translation>Ballot style</translation>
    </message>
    <message>
        <source>另选他人栏数</source>
        <translation>Write-in columns</translation>
    </message>
    <message>
        <source>当选基数</source>
        <translation>Threshold base</translation>
    </message>
    <message>
        <source>到会人数要求</source>
        <translation>Quorum</translation>
    </message>
    <message>
        <source>最低差额比例</source>
        <translation>Minimum margin</translation>
    </message>
    <message>
        <source>差额比例说明</source>
        <translation>Reason for a lower margin</translation>
    </message>
    <message>
        <source>按选举条例填入默认值</source>
        <translation>Fill in the rules&apos; defaults</translation>
    </message>
    <message>
        <source>保存选举规则</source>
        <translation>Save the rules</translation>
    </message>
    <message>
        <source>总监票人 1 名、监票人若干名，须是不是本事项候选人的选举人；计票人在监票人监督下工作。计票结果报告单上为每人留签名栏。</source>
        <translation>One chief scrutineer and several scrutineers, chosen among voters who are not candidates in this contest; counters work under their supervision. The tally sheet has a signature line for each of them.</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>选举单位</source>
        <translation>Electoral unit</translation>
    </message>
    <message>
        <source>指定</source>
        <translation>Appoint</translation>
    </message>
    <message>
        <source>撤销所选</source>
        <translation>Remove the selected</translation>
    </message>
    <message>
        <source>全体有选举权的人（大会选举）</source>
        <translation>Everyone with the vote (the whole congress)</translation>
    </message>
    <message>
        <source>选举单位：{name}</source>
        <translation>Electoral unit: {name}</translation>
    </message>
    <message>
        <source>本事项已印制选票 {n} 张。修改候选人或选举规则后，已印制的选票作废，须重新印制。</source>
        <translation>{n} ballots have been printed for this contest. Changing its candidates or rules makes them invalid: they must be printed again.</translation>
    </message>
    <message>
        <source>名单 {code}</source>
        <translation>roster {code}</translation>
    </message>
    <message>
        <source>名单外人员</source>
        <translation>not on the roster</translation>
    </message>
    <message>
        <source>手工调整</source>
        <translation>moved by hand</translation>
    </message>
    <message>
        <source>⚠ 请人工核对顺序</source>
        <translation>⚠ please confirm the order</translation>
    </message>
    <message>
        <source>以下姓名的笔画顺序请人工核对，必要时用“上移/下移”调整：</source>
        <translation>Please confirm the stroke order of these names; use Move up / Move down if needed:</translation>
    </message>
    <message>
        <source>应选 {seats} 名 · 候选人 {n} 名 · 差额 {diff} 名（{ratio}）· 至少需要 {need} 名</source>
        <translation>{seats} seats · {n} candidates · margin {diff} ({ratio}) · at least {need} needed</translation>
    </message>
    <message>
        <source>等额选举：应选 {seats} 名 · 候选人 {n} 名</source>
        <translation>Uncontested: {seats} seats · {n} candidates</translation>
    </message>
    <message>
        <source>✓ 符合要求</source>
        <translation>✓ Enough</translation>
    </message>
    <message>
        <source>✗ 人数须相等</source>
        <translation>✗ Must be equal</translation>
    </message>
    <message>
        <source>✗ 候选人不足</source>
        <translation>✗ Too few candidates</translation>
    </message>
    <message>
        <source>已印制的选票将作废</source>
        <translation>Printed ballots will become invalid</translation>
    </message>
    <message>
        <source>本事项已印制选票 {n} 张。修改后这些选票全部作废：它们的校验码与新的候选人名单和规则不再相符，扫描时会被拒收，必须重新印制。

确定要修改吗？</source>
        <translation>{n} ballots have been printed for this contest. After this change they are all invalid: their code no longer matches the candidates and rules, scanning will refuse them, and they must be printed again.

Make the change?</translation>
    </message>
    <message>
        <source>请先在表中选中一名候选人。</source>
        <translation>Select a candidate in the table first.</translation>
    </message>
    <message>
        <source>已把 {name} {way}（已记入审计日志）</source>
        <translation>{name}: {way} (recorded in the audit log)</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>moved up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>moved down</translation>
    </message>
    <message>
        <source>已恢复姓氏笔画顺序（已记入审计日志）</source>
        <translation>Back in stroke order (recorded in the audit log)</translation>
    </message>
    <message>
        <source>删除候选人</source>
        <translation>Remove candidate</translation>
    </message>
    <message>
        <source>确定把 {name} 从本事项的候选人中删除吗？</source>
        <translation>Remove {name} from the candidates of this contest?</translation>
    </message>
    <message>
        <source>已删除候选人 {name}</source>
        <translation>Candidate {name} removed</translation>
    </message>
    <message>
        <source>没有找到“{text}”：请从下拉列表中选一个人（同名时按编号区分）。</source>
        <translation>&quot;{text}&quot; not found: pick a person from the list (same names differ by code).</translation>
    </message>
    <message>
        <source>✓ 已添加候选人 {name}，已按姓氏笔画排入</source>
        <translation>✓ Candidate {name} added in stroke order</translation>
    </message>
    <message>
        <source>✓ 已添加名单外候选人 {name}</source>
        <translation>✓ Outside candidate {name} added</translation>
    </message>
    <message>
        <source>新增选举事项</source>
        <translation>New contest</translation>
    </message>
    <message>
        <source>✓ 已保存选举事项 {title}</source>
        <translation>✓ Contest saved: {title}</translation>
    </message>
    <message>
        <source>。请核对：{items}</source>
        <translation>. Please check: {items}</translation>
    </message>
    <message>
        <source>✗ 未保存：请按选举规则页中的提示修改。</source>
        <translation>✗ Not saved: see the notes on the Rules tab.</translation>
    </message>
    <message>
        <source>请从下拉列表中选一个人。</source>
        <translation>Pick a person from the list.</translation>
    </message>
    <message>
        <source>✓ 已指定 {name} 为{role}</source>
        <translation>✓ {name} appointed {role}</translation>
    </message>
    <message>
        <source>请先在表中选中一人。</source>
        <translation>Select someone in the table first.</translation>
    </message>
    <message>
        <source>已撤销</source>
        <translation>Removed</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>由 Excel 定义表新建…</source>
        <translation>New from an Excel definition…</translation>
    </message>
    <message>
        <source>打开选举文件…</source>
        <translation>Open an election file…</translation>
    </message>
    <message>
        <source>最近打开</source>
        <translation>Recent files</translation>
    </message>
    <message>
        <source>写出空白 Excel 定义表…</source>
        <translation>Save a blank Excel definition…</translation>
    </message>
    <message>
        <source>关闭选举文件</source>
        <translation>Close the election file</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>操作员(&amp;O)</source>
        <translation>&amp;Operator</translation>
    </message>
    <message>
        <source>更换操作员…</source>
        <translation>Change operator…</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于换届计票</source>
        <translation>About huanjie</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>点击更换操作员</source>
        <translation>Click to change the operator</translation>
    </message>
    <message>
        <source>打开选举文件</source>
        <translation>Open an election file</translation>
    </message>
    <message>
        <source>选举文件 (*.huanjie);;所有文件 (*)</source>
        <translation>Election files (*.huanjie);;All files (*)</translation>
    </message>
    <message>
        <source>无法打开选举文件</source>
        <translation>Cannot open the election file</translation>
    </message>
    <message>
        <source>选择填好的 Excel 定义表</source>
        <translation>Choose the filled-in Excel definition</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx *.xlsm)</source>
        <translation>Excel workbooks (*.xlsx *.xlsm)</translation>
    </message>
    <message>
        <source>新选举文件保存为</source>
        <translation>Save the new election file as</translation>
    </message>
    <message>
        <source>选举文件 (*.huanjie)</source>
        <translation>Election files (*.huanjie)</translation>
    </message>
    <message>
        <source>正在检查定义表…</source>
        <translation>Checking the definition…</translation>
    </message>
    <message>
        <source>已新建选举文件：请核对以下提示</source>
        <translation>Election file created: please check these notes</translation>
    </message>
    <message>
        <source>选举文件已创建。下面的提示不妨碍使用，但请逐条核对。</source>
        <translation>The election file was created. These notes do not stop you, but check each one.</translation>
    </message>
    <message>
        <source>定义表有问题，未创建选举文件</source>
        <translation>The definition has problems: no file was created</translation>
    </message>
    <message>
        <source>定义表中有 {n} 处错误，选举文件没有创建。请在 Excel 中逐条改正，保存后再新建一次。</source>
        <translation>The definition has {n} error(s); the election file was not created. Correct each one in Excel, save, and create the file again.</translation>
    </message>
    <message>
        <source>未能新建选举文件</source>
        <translation>Could not create the election file</translation>
    </message>
    <message>
        <source>正在新建选举文件</source>
        <translation>Creating the election file</translation>
    </message>
    <message>
        <source>保存空白 Excel 定义表</source>
        <translation>Save a blank Excel definition</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>已写出空白定义表：{path}</source>
        <translation>Blank definition saved: {path}</translation>
    </message>
    <message>
        <source>未能写出定义表</source>
        <translation>Could not save the definition</translation>
    </message>
    <message>
        <source>（没有）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>换届计票</source>
        <translation>huanjie</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>尚未打开选举文件</source>
        <translation>No election file open</translation>
    </message>
    <message>
        <source>操作员：{name}</source>
        <translation>Operator: {name}</translation>
    </message>
    <message>
        <source>未登录（点击登录）</source>
        <translation>not signed in (click to sign in)</translation>
    </message>
    <message>
        <source>正在处理：{what}</source>
        <translation>Working: {what}</translation>
    </message>
    <message>
        <source>换届计票：党的代表大会和党员大会选举的离线计票软件。
不连接任何网络；所有修改都记入防篡改的审计日志。</source>
        <translation>huanjie: offline ballot counting for party congresses and members&apos; assemblies.
It never uses a network; every change goes into a tamper-evident audit log.</translation>
    </message>
</context>
<context>
    <name>OperatorDialog</name>
    <message>
        <source>操作员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>请输入您的姓名</source>
        <translation>Please type your name</translation>
    </message>
    <message>
        <source>您的姓名会写入审计日志：每一项修改、报到和打印都会记下是谁做的。换人操作时，请在“操作员”菜单中更换。</source>
        <translation>Your name goes into the audit log: every change, check-in and print records who did it. When someone else takes over, change it in the Operator menu.</translation>
    </message>
    <message>
        <source>例如：王小明</source>
        <translation>e.g. 王小明</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>请输入您的账户名和密码</source>
        <translation>Please type your account name and password</translation>
    </message>
    <message>
        <source>本选举文件已设账户：谁可以准备选举、扫描、审核、确认审核决定和确认计票结果，由账户的角色决定。您的姓名会写入审计日志。换人操作时，请在“操作员”菜单中重新登录。</source>
        <translation>This election file has accounts: who may prepare the election, scan, review, confirm review decisions and certify the result depends on the account&apos;s role. Your name goes into the audit log. When someone else takes over, they sign in from the Operator menu.</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>选举单位</source>
        <translation>Electoral units</translation>
    </message>
    <message>
        <source>名单人数</source>
        <translation>On the roster</translation>
    </message>
    <message>
        <source>有选举权（应到）</source>
        <translation>With the vote (expected)</translation>
    </message>
    <message>
        <source>已报到（实到）</source>
        <translation>Checked in (present)</translation>
    </message>
    <message>
        <source>选举事项</source>
        <translation>Contests</translation>
    </message>
    <message>
        <source>{ready} / {total} 个事项已准备就绪</source>
        <translation>{ready} of {total} contests ready</translation>
    </message>
    <message>
        <source>还没有选举事项</source>
        <translation>No contests yet</translation>
    </message>
    <message>
        <source>在“选举事项和候选人”中添加要选举的事项（如委员、纪委委员、代表）。</source>
        <translation>Add what is to be elected (committee members, discipline commission members, delegates) under &quot;Contests and candidates&quot;.</translation>
    </message>
    <message>
        <source>去添加选举事项</source>
        <translation>Add a contest</translation>
    </message>
    <message>
        <source>{date} · {level} · 文件：{path}</source>
        <translation>{date} · {level} · file: {path}</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>选举单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>有选举权</source>
        <translation>Has vote</translation>
    </message>
    <message>
        <source>报到</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <source>出生年月</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>学历</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>工作单位及职务</source>
        <translation>Workplace and post</translation>
    </message>
    <message>
        <source>代表类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>有</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>无</source>
        <translation>no</translation>
    </message>
    <message>
        <source>已报到</source>
        <translation>checked in</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>新增代表</source>
        <translation>New person</translation>
    </message>
    <message>
        <source>修改代表信息</source>
        <translation>Edit person</translation>
    </message>
    <message>
        <source>编号不能修改</source>
        <translation>The code cannot be changed</translation>
    </message>
    <message>
        <source>如 1980-05</source>
        <translation>e.g. 1980-05</translation>
    </message>
    <message>
        <source>如 2003-06</source>
        <translation>e.g. 2003-06</translation>
    </message>
    <message>
        <source>如 2002-07</source>
        <translation>e.g. 2002-07</translation>
    </message>
    <message>
        <source>18 位，末位可为 X</source>
        <translation>18 characters, the last may be X</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>有选举权（预备党员没有）</source>
        <translation>Has the vote (probationary members do not)</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <source>出生年月</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>籍贯</source>
        <translation>Native place</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>学历/学位</source>
        <translation>Education/degree</translation>
    </message>
    <message>
        <source>入党时间</source>
        <translation>Joined the party</translation>
    </message>
    <message>
        <source>参加工作时间</source>
        <translation>Started work</translation>
    </message>
    <message>
        <source>工作单位及职务</source>
        <translation>Workplace and post</translation>
    </message>
    <message>
        <source>代表类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>选举单位</source>
        <translation>Electoral unit</translation>
    </message>
    <message>
        <source>选票将失效</source>
        <translation>Printed ballots will become invalid</translation>
    </message>
    <message>
        <source>{name} 是候选人，所在选举事项已经印制了选票。改名后已印制的选票作废（选票校验码改变），必须重新印制。确定要改吗？</source>
        <translation>{name} is a candidate and ballots were printed for the contest. After a rename the printed ballots are invalid (their code changes) and must be printed again. Rename?</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列 / 项目</source>
        <translation>Column / field</translation>
    </message>
    <message>
        <source>问题和改法</source>
        <translation>Problem and what to do</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>复制全部问题</source>
        <translation>Copy all problems</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>代表名单</source>
        <translation>Roster</translation>
    </message>
    <message>
        <source>查找：姓名、编号、身份证号码、单位</source>
        <translation>Search: name, code, ID number, unit</translation>
    </message>
    <message>
        <source>有无选举权：全部</source>
        <translation>Vote: everyone</translation>
    </message>
    <message>
        <source>有选举权</source>
        <translation>Has vote</translation>
    </message>
    <message>
        <source>无选举权</source>
        <translation>No vote</translation>
    </message>
    <message>
        <source>只看有提示的</source>
        <translation>Only with notes</translation>
    </message>
    <message>
        <source>新增代表…</source>
        <translation>New person…</translation>
    </message>
    <message>
        <source>修改所选…</source>
        <translation>Edit selected…</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>从 Excel 导入…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <source>导出到 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>选举单位：全部</source>
        <translation>Unit: all</translation>
    </message>
    <message>
        <source>名单是空的：点“从 Excel 导入…”导入代表名单，或点“新增代表…”逐个添加。</source>
        <translation>The roster is empty: &quot;Import from Excel…&quot; imports it, &quot;New person…&quot; adds people one by one.</translation>
    </message>
    <message>
        <source>共 {total} 人，显示 {shown} 人</source>
        <translation>{total} people, {shown} shown</translation>
    </message>
    <message>
        <source>；{n} 人有提示</source>
        <translation>; {n} with notes</translation>
    </message>
    <message>
        <source>请先在表中选中一个人。</source>
        <translation>Select a person in the table first.</translation>
    </message>
    <message>
        <source>✓ 已保存 {name}（{code}）</source>
        <translation>✓ Saved {name} ({code})</translation>
    </message>
    <message>
        <source>。请核对：{items}</source>
        <translation>. Please check: {items}</translation>
    </message>
    <message>
        <source>删除代表</source>
        <translation>Delete person</translation>
    </message>
    <message>
        <source>确定从名单中删除 {name}（{code}）吗？此操作会记入审计日志。</source>
        <translation>Delete {name} ({code}) from the roster? This is recorded in the audit log.</translation>
    </message>
    <message>
        <source>已删除 {name}（{code}）</source>
        <translation>Deleted {name} ({code})</translation>
    </message>
    <message>
        <source>选择代表名单 Excel 表</source>
        <translation>Choose the roster workbook</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx *.xlsm)</source>
        <translation>Excel workbooks (*.xlsx *.xlsm)</translation>
    </message>
    <message>
        <source>✓ 已导入 {file}：新增 {added} 人，更新 {updated} 人，未变 {same} 人</source>
        <translation>✓ Imported {file}: {added} added, {updated} updated, {same} unchanged</translation>
    </message>
    <message>
        <source>；文件中另有 {n} 人不在表中，保留未动</source>
        <translation>; {n} other people in the file are not in the workbook and were left as they were</translation>
    </message>
    <message>
        <source>；新增选举单位 {n} 个</source>
        <translation>; {n} electoral unit(s) added</translation>
    </message>
    <message>
        <source>已导入：请核对以下提示</source>
        <translation>Imported: please check these notes</translation>
    </message>
    <message>
        <source>名单已导入。下面的提示不妨碍使用，但请逐条核对。</source>
        <translation>The roster was imported. These notes do not stop you, but check each one.</translation>
    </message>
    <message>
        <source>✗ 表格中有 {n} 处错误，名单没有导入。</source>
        <translation>✗ The workbook has {n} error(s); the roster was not imported.</translation>
    </message>
    <message>
        <source>名单有问题，没有导入</source>
        <translation>The roster has problems: not imported</translation>
    </message>
    <message>
        <source>{file} 中有 {n} 处错误，名单没有导入（选举文件没有任何改动）。请在 Excel 中按下表逐条改正，保存后再导入一次。</source>
        <translation>{file} has {n} error(s); the roster was not imported (the election file was not changed). Correct each one in Excel as listed, save, and import again.</translation>
    </message>
    <message>
        <source>正在导入代表名单</source>
        <translation>Importing the roster</translation>
    </message>
    <message>
        <source>导出到 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>✓ 已导出 {n} 人到 {path}（可在 Excel 中修改后再导入）</source>
        <translation>✓ Exported {n} people to {path} (edit it in Excel and import it again)</translation>
    </message>
    <message>
        <source>正在导出</source>
        <translation>Exporting</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <source>选举单位</source>
        <translation>Electoral units</translation>
    </message>
    <message>
        <source>选举单位是选出代表的单位（如代表团、镇、街道）。选一行可修改名称；代表证上印有条码，报到时用扫描枪一扫即可。</source>
        <translation>Electoral units elect delegates (delegations, towns, sub-districts). Select a row to rename it. Delegate cards carry a barcode: at check-in a scanner reads it.</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>名单人数</source>
        <translation>On the roster</translation>
    </message>
    <message>
        <source>有选举权</source>
        <translation>Has vote</translation>
    </message>
    <message>
        <source>已报到（有选举权）</source>
        <translation>Checked in (with vote)</translation>
    </message>
    <message>
        <source>已报到（全部）</source>
        <translation>Checked in (all)</translation>
    </message>
    <message>
        <source>新增或修改选举单位</source>
        <translation>Add or rename a unit</translation>
    </message>
    <message>
        <source>如 U19（字母、数字）</source>
        <translation>e.g. U19 (letters, digits)</translation>
    </message>
    <message>
        <source>如 第一代表团</source>
        <translation>e.g. 第一代表团</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>代表证（报到用）</source>
        <translation>Delegate cards (for check-in)</translation>
    </message>
    <message>
        <source>每张 A4 纸印 10 张代表证，沿裁切线裁开。</source>
        <translation>Ten cards per A4 sheet; cut along the marks.</translation>
    </message>
    <message>
        <source>打印所选单位的代表证…</source>
        <translation>Cards for the selected unit…</translation>
    </message>
    <message>
        <source>打印全部代表证…</source>
        <translation>Cards for everyone…</translation>
    </message>
    <message>
        <source>（未分配选举单位）</source>
        <translation>(no electoral unit)</translation>
    </message>
    <message>
        <source>✓ 已保存选举单位 {code} {name}</source>
        <translation>✓ Unit saved: {code} {name}</translation>
    </message>
    <message>
        <source>代表证保存为</source>
        <translation>Save the delegate cards as</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>✓ 已生成代表证 {n} 张：{path}</source>
        <translation>✓ {n} delegate cards made: {path}</translation>
    </message>
    <message>
        <source>正在生成代表证</source>
        <translation>Making the delegate cards</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>换届计票</source>
        <translation>huanjie</translation>
    </message>
    <message>
        <source>党的代表大会和党员大会选举计票 · 离线使用，不连接任何网络</source>
        <translation>Ballot counting for party congresses and members&apos; assemblies · offline, never on a network</translation>
    </message>
    <message>
        <source>尚未打开选举文件</source>
        <translation>No election file open</translation>
    </message>
    <message>
        <source>一次选举保存为一个选举文件（.huanjie）。打开已有的选举文件，或由填好的 Excel 定义表新建一个。
第一次使用：先“写出空白 Excel 定义表”，按表中的“填写说明”填好，再“由 Excel 新建”。</source>
        <translation>One election is one election file (.huanjie). Open an existing file, or create one from a filled-in Excel definition.
First time: &quot;Save a blank Excel definition&quot;, fill it in following its instructions sheet, then &quot;New from an Excel definition&quot;.</translation>
    </message>
    <message>
        <source>打开选举文件…</source>
        <translation>Open an election file…</translation>
    </message>
    <message>
        <source>由 Excel 定义表新建…</source>
        <translation>New from an Excel definition…</translation>
    </message>
    <message>
        <source>写出空白 Excel 定义表…</source>
        <translation>Save a blank Excel definition…</translation>
    </message>
    <message>
        <source>最近打开</source>
        <translation>Recent files</translation>
    </message>
    <message>
        <source>双击打开。</source>
        <translation>Double-click to open.</translation>
    </message>
    <message>
        <source>（文件已不在）</source>
        <translation> (file no longer there)</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>代表</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>选举事项</source>
        <translation>Contest</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>轮次</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>张数</source>
        <translation>Sheets</translation>
    </message>
    <message>
        <source>候选人</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>样票</source>
        <translation>Sample</translation>
    </message>
    <message>
        <source>原位置</source>
        <translation>From</translation>
    </message>
    <message>
        <source>新位置</source>
        <translation>To</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>应选</source>
        <translation>Seats</translation>
    </message>
    <message>
        <source>修改了</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>选举单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>防伪码</source>
        <translation>Serial</translation>
    </message>
    <message>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>委员</source>
        <translation>Committee member</translation>
    </message>
    <message>
        <source>候补委员</source>
        <translation>Alternate member</translation>
    </message>
    <message>
        <source>纪委委员</source>
        <translation>Discipline commission member</translation>
    </message>
    <message>
        <source>代表</source>
        <translation>Delegate</translation>
    </message>
    <message>
        <source>常委</source>
        <translation>Standing committee member</translation>
    </message>
    <message>
        <source>书记</source>
        <translation>Secretary</translation>
    </message>
    <message>
        <source>副书记</source>
        <translation>Deputy secretary</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>差额选举</source>
        <translation>Competitive (more candidates than seats)</translation>
    </message>
    <message>
        <source>等额选举</source>
        <translation>Uncontested (as many candidates as seats)</translation>
    </message>
    <message>
        <source>符号式（画 ○ ×）</source>
        <translation>Symbols (○ / ×)</translation>
    </message>
    <message>
        <source>分栏式（赞成/不赞成/弃权）</source>
        <translation>Columns (agree / disagree / abstain)</translation>
    </message>
    <message>
        <source>应到会有选举权人数</source>
        <translation>Expected voters with the vote</translation>
    </message>
    <message>
        <source>实到会有选举权人数</source>
        <translation>Voters present</translation>
    </message>
    <message>
        <source>超过半数</source>
        <translation>more than half</translation>
    </message>
    <message>
        <source>超过三分之二</source>
        <translation>more than two thirds</translation>
    </message>
    <message>
        <source>超过五分之四</source>
        <translation>more than four fifths</translation>
    </message>
    <message>
        <source>地方党代会</source>
        <translation>Local party congress</translation>
    </message>
    <message>
        <source>基层党员大会</source>
        <translation>Basic-level members&apos; assembly</translation>
    </message>
    <message>
        <source>总监票人</source>
        <translation>Chief scrutineer</translation>
    </message>
    <message>
        <source>监票人</source>
        <translation>Scrutineer</translation>
    </message>
    <message>
        <source>计票人</source>
        <translation>Counter</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>换届计票</source>
        <translation>huanjie</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>选票</source>
        <translation>Ballots</translation>
    </message>
    <message>
        <source>选举准备</source>
        <translation>Preparation</translation>
    </message>
    <message>
        <source>计票</source>
        <translation>Counting</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>报到</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <source>选举事项和候选人</source>
        <translation>Contests and candidates</translation>
    </message>
    <message>
        <source>选举概况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>代表名单</source>
        <translation>Roster</translation>
    </message>
    <message>
        <source>选举单位</source>
        <translation>Electoral units</translation>
    </message>
</context>
</TS>
