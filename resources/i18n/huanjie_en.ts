<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="zh_CN">
<context>
    <name>AgreeChart</name>
    <message>
        <source>还没有计入的选票。</source>
        <translation>No ballot counted yet.</translation>
    </message>
    <message>
        <source>过半数线：须超过 {half}（{base} 的一半），即至少 {t} 票</source>
        <translation>More-than-half line: above {half} (half of {base}), i.e. at least {t} votes</translation>
    </message>
    <message>
        <source>预选：按赞成票多少确定正式候选人 {n} 名，不要求过半数</source>
        <translation>Preselection: the {n} with the most agree votes become formal candidates; no more-than-half rule</translation>
    </message>
    <message>
        <source>过半数线 {t} 票：再次投票不再要求过半数，票数相等的被选举人中得票多的当选</source>
        <translation>More-than-half line {t} votes: not asked in a tie re-vote — the most votes among those tied are elected</translation>
    </message>
    <message>
        <source>↑ 确定正式候选人 {n} 名</source>
        <translation>↑ {n} formal candidate(s)</translation>
    </message>
    <message>
        <source>↑ 应选 {n} 名</source>
        <translation>↑ {n} seats</translation>
    </message>
    <message>
        <source>（另选）</source>
        <translation> (write-in)</translation>
    </message>
</context>
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
        <source>印样票（标有“样票 不计票”）</source>
        <translation>Sample ballots (marked &quot;SAMPLE – not counted&quot;)</translation>
    </message>
    <message>
        <source>样票用于试印和培训：扫描时会被拒收，不计入正式计票。</source>
        <translation>Sample ballots are for test prints and training: scanned, they are refused and never counted.</translation>
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
        <source>双面打印</source>
        <translation>Printing on both sides</translation>
    </message>
    <message>
        <source>打印机设成了双面打印：一张纸上会印两张选票（两个防伪码），一名代表可能投两次票。选票必须单面打印。仍要这样打印吗？</source>
        <translation>The printer is set to print on both sides: one sheet would carry two ballots (two serials), and a voter could vote twice. Ballots must be printed on one side only. Print like this anyway?</translation>
    </message>
    <message>
        <source>正在打印选票</source>
        <translation>Printing ballots</translation>
    </message>
    <message>
        <source>✓ 已印制第 {n} 轮{kind} {count} 张（批次 {run}，{paper}）：{path}</source>
        <translation>✓ Printed {count} sheet(s), {kind}, for round {n} (run {run}, {paper}): {path}</translation>
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
        <extracomment>The roster&apos;s names as searched (compared in `normalise_name`&apos;s form), each made once.</extracomment>
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
        <source>刷代表证或输入姓名/编号，回车报到</source>
        <translation>Scan a card or type a name/code, Enter</translation>
    </message>
    <message>
        <source>为所选的人报到</source>
        <translation>Check in</translation>
    </message>
    <message>
        <source>撤销所选的人的报到</source>
        <translation>Undo selected</translation>
    </message>
    <message>
        <source>撤销上一次报到</source>
        <translation>Undo last</translation>
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
        <source>选举事项</source>
        <translation>Contest</translation>
    </message>
    <message>
        <source>实到 / 应到</source>
        <translation>Present / exp.</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>Needed</translation>
    </message>
    <message>
        <source>{p} / {e}（第{n}轮）</source>
        <translation>{p} / {e} (R{n})</translation>
    </message>
    <message>
        <source>第 {n} 轮开始计票时确定；现已报到 {now} 人，计入以后的轮次</source>
        <translation>Fixed when round {n} began to be counted; {now} checked in now, counted for later rounds</translation>
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
        <source>同名的 {name} 有 {n} 位：请用 ↑ ↓ 按单位选出要报到的人，再按回车。</source>
        <translation>{n} people are named {name}: choose the one at the desk with ↑ ↓ (by unit), then press Enter.</translation>
    </message>
    <message>
        <source>符合的人有 {n} 位：请用 ↑ ↓ 选出要报到的人，再按回车。</source>
        <translation>{n} people match: choose the one checking in with ↑ ↓, then press Enter.</translation>
    </message>
    <message>
        <source>只有 {name} 符合“{token}”：是这位就再按一次回车报到。</source>
        <translation>Only {name} matches &quot;{token}&quot;: if that is the person, press Enter again to check them in.</translation>
    </message>
    <message>
        <source>✗ 查无此人：“{token}”。请核对代表证或姓名。</source>
        <translation>✗ Nobody found for &quot;{token}&quot;. Check the card or the name.</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{title} 第 {n} 轮</source>
        <translation>{title} round {n}</translation>
    </message>
    <message>
        <source>（{rounds}已开始计票：这次报到只计入以后的轮次）</source>
        <translation> ({rounds} being counted: this check-in counts for later rounds only)</translation>
    </message>
    <message>
        <source>（{rounds}已开始计票：撤销只影响以后的轮次）</source>
        <translation> ({rounds} being counted: undoing it counts for later rounds only)</translation>
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
        <translation>Present / exp.</translation>
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
        <source>预选：得票多者为正式候选人，不要求过半数</source>
        <translation>Preselection: the most votes select the formal candidates; no half needed</translation>
    </message>
    <message>
        <source>预选的结果是正式候选人名单：应选名额即正式候选人人数，得票多者当选为正式候选人，不另行选举；最后一名票数相等时再次投票。正式选举事项可从预选结果取得候选人（huanjie contest candidates … --candidates-from）。</source>
        <translation>A preselection&apos;s outcome is the list of formal candidates: the seats are how many; the most votes are selected, there is no supplementary round; a tie at the last place goes to a re-vote. A formal contest can take its candidates from it (huanjie contest candidates … --candidates-from).</translation>
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
        <source>新选举事项</source>
        <translation>The new contest</translation>
    </message>
    <message>
        <source>选举事项 {title} 的选举规则的修改</source>
        <translation>The changes to the rules of {title}</translation>
    </message>
    <message>
        <source>第 {n} 轮的选票顺序。本轮候选人名单在开启本轮时已确定；印制本轮选票之前，仍可用“上移/下移”调整顺序。</source>
        <translation>Round {n}&apos;s ballot order. The round&apos;s candidate list was fixed when the round was opened; until a ballot of it is printed, &quot;Move up&quot; and &quot;Move down&quot; still change the order.</translation>
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
        <source>另行选举</source>
        <translation>supplementary election</translation>
    </message>
    <message>
        <source>再次投票</source>
        <translation>re-vote</translation>
    </message>
    <message>
        <source>正式选举</source>
        <translation>formal election</translation>
    </message>
    <message>
        <source>第 {r} 轮（{kind}）：应选 {seats} 名 · 候选人 {n} 名（第 1 轮：应选 {first_seats} 名 · 候选人 {first} 名）</source>
        <translation>Round {r} ({kind}): {seats} seat(s) · {n} candidates (round 1: {first_seats} seat(s) · {first} candidates)</translation>
    </message>
    <message>
        <source>应选 {seats} 名 · 候选人 {n} 名 · 差额 {diff} 名（{ratio}）· 至少需要 {need} 名</source>
        <translation>{seats} seat(s) · {n} candidates · margin {diff} ({ratio}) · at least {need} needed</translation>
    </message>
    <message>
        <source>等额选举：应选 {seats} 名 · 候选人 {n} 名</source>
        <translation>Uncontested: {seats} seat(s) · {n} candidates</translation>
    </message>
    <message>
        <source>预选：确定正式候选人 {seats} 名 · 候选人 {n} 名 · 差额 {diff} 名（{ratio}）· 至少需要 {need} 名</source>
        <translation>Preselection: {seats} formal candidate(s) to select · {n} candidates · margin {diff} ({ratio}) · at least {need} needed</translation>
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
        <source>本事项已印制选票 {n} 张。修改后这些选票全部作废：它们的校验码与新的候选人名单和规则不再相符，扫描时会被拒收，必须重新印制。</source>
        <translation>{n} ballots have been printed for this contest. After this change they are all invalid: their code no longer matches the candidates and rules, scanning will refuse them, and they must be printed again.</translation>
    </message>
    <message>
        <source>已为分团 {names} 导出分团包。修改后，这些分团交回的计票结果在导入时会被拒收；须为它们重新导出分团包（使用新的分团名称）。</source>
        <translation>Station packages were exported for {names}. After this change, the results those stations send back will be refused at import; new station packages must be exported (under new names).</translation>
    </message>
    <message>
        <source>已印制的选票将作废</source>
        <translation>Printed ballots will become invalid</translation>
    </message>
    <message>
        <source>确定要修改吗？</source>
        <translation>Make the change?</translation>
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
        <source>。但选票排不下：{why}</source>
        <translation>. But the ballot does not fit a sheet: {why}</translation>
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
    <name>HandEntry</name>
    <message>
        <source>赞成栏</source>
        <translation>agree box</translation>
    </message>
    <message>
        <source>不赞成栏</source>
        <translation>disagree box</translation>
    </message>
    <message>
        <source>弃权栏或未划</source>
        <translation>abstain box, or none</translation>
    </message>
    <message>
        <source>无法辨认</source>
        <translation>illegible</translation>
    </message>
    <message>
        <source>○ 赞成</source>
        <translation>○ agree</translation>
    </message>
    <message>
        <source>× 不赞成</source>
        <translation>× disagree</translation>
    </message>
    <message>
        <source>无符号（弃权）</source>
        <translation>no mark (abstain)</translation>
    </message>
    <message>
        <source>赞成</source>
        <translation>agree</translation>
    </message>
    <message>
        <source>不赞成</source>
        <translation>disagree</translation>
    </message>
    <message>
        <source>弃权</source>
        <translation>abstain</translation>
    </message>
    <message>
        <source>只录入了一次，未计入</source>
        <translation>entered once only; not counted</translation>
    </message>
    <message>
        <source>两次录入不一致，未计入</source>
        <translation>the two entries differ; not counted</translation>
    </message>
    <message>
        <source>两次一致，已计入</source>
        <translation>both entries agree; counted</translation>
    </message>
    <message>
        <source>待审核</source>
        <translation>held for review</translation>
    </message>
    <message>
        <source>已撤出计票</source>
        <translation>taken out of the count</translation>
    </message>
    <message>
        <source>没有录入</source>
        <translation>not entered</translation>
    </message>
    <message>
        <source>已撤出计票（{why}；{a} 提出，{b} 确认）</source>
        <translation>taken out of the count ({why}; proposed by {a}, confirmed by {b})</translation>
    </message>
    <message>
        <source>{a} 提出撤出（{why}），待另一位监票人确认</source>
        <translation>{a} proposed taking it out ({why}); awaiting another scrutineer&apos;s confirmation</translation>
    </message>
    <message>
        <source>；撤出待确认</source>
        <translation>; taking it out awaits confirmation</translation>
    </message>
    <message>
        <source>；恢复待确认</source>
        <translation>; putting it back awaits confirmation</translation>
    </message>
</context>
<context>
    <name>HandEntryDialog</name>
    <message>
        <source>手工录入选票</source>
        <translation>Enter a ballot by hand</translation>
    </message>
    <message>
        <source>{title} · 第 {n} 轮</source>
        <translation>{title} · round {n}</translation>
    </message>
    <message>
        <source>无法扫描的选票（如严重破损）由两个人对照原票各录入一次：两次一致才计入。录入前会把录入的内容念给您核对。</source>
        <translation>A ballot that cannot be scanned (badly torn, say) is entered twice against the paper, by two people: it counts when both entries agree. Before an entry is stored it is said back to you to check.</translation>
    </message>
    <message>
        <source>换人录入…</source>
        <translation>Second person enters…</translation>
    </message>
    <message>
        <source>第二次录入须由另一人：请他/她在这里以自己的名义登录后录入。</source>
        <translation>The second entry must be made by someone else: they take the desk here under their own name, then enter it.</translation>
    </message>
    <message>
        <source>这张选票</source>
        <translation>This paper</translation>
    </message>
    <message>
        <source>原票上印的防伪码</source>
        <translation>Serial printed on the paper</translation>
    </message>
    <message>
        <source>防伪码无法辨认：自编标签</source>
        <translation>Serial unreadable: a label of your own</translation>
    </message>
    <message>
        <source>如 KWITA37CGN（10 个字符）</source>
        <translation>e.g. KWITA37CGN (10 characters)</translation>
    </message>
    <message>
        <source>如票箱和序号 A-017</source>
        <translation>e.g. box and number A-017</translation>
    </message>
    <message>
        <source>自编标签不是原票上印的防伪码：这张选票以后如果又被扫描，软件认不出它就是这张手工录入的票，会多计一张。请把原票与待扫描的选票分开保管。</source>
        <translation>A label of your own is not the serial printed on the paper: if this paper is scanned later, the program cannot tell it is this hand-entered ballot, and it would count twice. Keep the paper apart from the ballots still to be scanned.</translation>
    </message>
    <message>
        <source>候选人</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <source>每行选一项；没有符号的是弃权。也可以用 ↑↓ 选行，按 1 赞成、2 不赞成、3 弃权、4 无法辨认。</source>
        <translation>Choose one per row; no mark is an abstention. Or pick the row with ↑↓ and press 1 agree, 2 disagree, 3 abstain, 4 illegible.</translation>
    </message>
    <message>
        <source>另选他人栏</source>
        <translation>Write-in columns</translation>
    </message>
    <message>
        <source>写的姓名；没写的留空</source>
        <translation>Name written (or empty)</translation>
    </message>
    <message>
        <source>原票上写的姓名：从名单中选择，或照写。没有写姓名的留空。</source>
        <translation>The name written on the paper: pick it from the roster, or type it as written. Leave it empty if no name is written.</translation>
    </message>
    <message>
        <source>姓名无法辨认</source>
        <translation>Name illegible</translation>
    </message>
    <message>
        <source>写了姓名，但认不出是谁：不计任何人的票，但算作选了一人（所选人数多于应选名额的，整张作废）。</source>
        <translation>A name is written but nobody can tell who it is: no one&apos;s vote, but it counts as one person chosen (choosing more people than seats voids the ballot).</translation>
    </message>
    <message>
        <source>其上方：</source>
        <translation>Above it:</translation>
    </message>
    <message>
        <source>其后：</source>
        <translation>After it:</translation>
    </message>
    <message>
        <source>赞成栏画○</source>
        <translation>○ in its agree box</translation>
    </message>
    <message>
        <source>画了○</source>
        <translation>a ○</translation>
    </message>
    <message>
        <source>不赞成栏画○</source>
        <translation>○ in its disagree box</translation>
    </message>
    <message>
        <source>画了×</source>
        <translation>a ×</translation>
    </message>
    <message>
        <source>没有符号</source>
        <translation>no mark</translation>
    </message>
    <message>
        <source>第 {n} 栏</source>
        <translation>Column {n}</translation>
    </message>
    <message>
        <source>整张作废</source>
        <translation>Void the whole ballot</translation>
    </message>
    <message>
        <source>有可识别投票人的记号</source>
        <translation>Marks that identify the voter</translation>
    </message>
    <message>
        <source>不是本轮的正式选票</source>
        <translation>Not an official ballot of this round</translation>
    </message>
    <message>
        <source>作废的理由（必填）</source>
        <translation>Why void (required)</translation>
    </message>
    <message>
        <source>清空，录入下一张</source>
        <translation>Clear, next ballot</translation>
    </message>
    <message>
        <source>核对并录入…</source>
        <translation>Check and enter…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>录入人：{who}</source>
        <translation>Entered by: {who}</translation>
    </message>
    <message>
        <source>放弃这张选票？</source>
        <translation>Discard this ballot?</translation>
    </message>
    <message>
        <source>这张选票已经填写但还没有录入。关闭后填写的内容不保留。确定关闭吗？</source>
        <translation>This ballot is filled in but not entered yet. What was typed is not kept once the window closes. Close it?</translation>
    </message>
    <message>
        <source>请写明原票上印的防伪码；防伪码无法辨认的，选“自编标签”。</source>
        <translation>Give the serial printed on the paper; if it cannot be read, choose &quot;a label of your own&quot;.</translation>
    </message>
    <message>
        <source>请给这张选票一个标签，如票箱和序号 A-017。</source>
        <translation>Give this ballot a label, e.g. box and number A-017.</translation>
    </message>
    <message>
        <source>另选他人第 {n} 栏写了姓名：请选其后的标记（赞成栏画○、不赞成栏画○ 或没有符号）。</source>
        <translation>Write-in column {n} holds a name: choose the mark after it (a ○ in its agree box, a ○ in its disagree box, or no mark).</translation>
    </message>
    <message>
        <source>另选他人第 {n} 栏写了姓名：请选其上方的标记（画了○、画了× 或没有符号）。</source>
        <translation>Write-in column {n} holds a name: choose the mark above it (a ○, a × or no mark).</translation>
    </message>
    <message>
        <source>请先在“操作员”菜单中填写您的姓名：录入会记下是谁录入的。</source>
        <translation>Enter your name first (Operator menu): each entry records who made it.</translation>
    </message>
    <message>
        <source>选票 {paper}，录入人 {who}：

{words}

与原票一致吗？一致请点“是”录入；不一致请点“否”改正。</source>
        <translation>Ballot {paper}, entered by {who}:

{words}

Does this match the paper? Yes enters it; No lets you correct it.</translation>
    </message>
    <message>
        <source>核对录入内容</source>
        <translation>Check the entry</translation>
    </message>
    <message>
        <source>没有录入：请对照原票改正后再录入。</source>
        <translation>Not entered: correct it against the paper, then enter it.</translation>
    </message>
    <message>
        <source>录入内容：{words}</source>
        <translation>Entered: {words}</translation>
    </message>
    <message>
        <source>✓ 选票 {label} 两次录入一致，已计入。</source>
        <translation>✓ Ballot {label}: both entries agree; it counts.</translation>
    </message>
    <message>
        <source>✓ 选票 {label}：{who} 已录入过一次，这次的录入代替了上次的。仍须由另一人对照原票再录入一次，一致后计入。</source>
        <translation>✓ Ballot {label}: {who} had entered it already; this entry replaces theirs. Someone else must still enter it against the paper; it counts when both agree.</translation>
    </message>
    <message>
        <source>✓ 选票 {label} 已由 {who} 录入一次：须由另一人对照原票再录入一次（点“换人录入…”），一致后计入。</source>
        <translation>✓ Ballot {label} entered once, by {who}: someone else must enter it again against the paper (&quot;Second person enters…&quot;); it counts when both agree.</translation>
    </message>
    <message>
        <source>✗ 选票 {label} 两次录入不一致，未计入：</source>
        <translation>✗ Ballot {label}: the two entries differ; it does not count:</translation>
    </message>
    <message>
        <source>    {item}：另一次 {other}，这一次 {this}</source>
        <translation>    {item}: the other entry {other}, this one {this}</translation>
    </message>
    <message>
        <source>另选第{n}栏</source>
        <translation>write-in {n}</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>void</translation>
    </message>
    <message>
        <source>请对照原票：这一次录错了，改正后再点“核对并录入…”（代替您这一次的录入）；另一次录错了，请那一位对照原票改正自己的录入；也可由本事项的监票人录入，作为决定。</source>
        <translation>Check against the paper: if this entry is wrong, correct it and click &quot;Check and enter…&quot; again (it replaces yours); if the other is wrong, its clerk corrects their own entry against the paper; or a scrutineer of this contest enters it, as the decision.</translation>
    </message>
    <message>
        <source>请第二位录入人输入账户名和密码</source>
        <translation>Second clerk: enter your account name and password</translation>
    </message>
    <message>
        <source>请第二位录入人输入姓名</source>
        <translation>Second clerk: enter your name</translation>
    </message>
    <message>
        <source>同一张选票须由两个人各录入一次，一致才计入；录入人的姓名记入审计日志。录完后，请在“操作员”菜单中换回 {name}。</source>
        <translation>Each paper is entered by two people, and counts when both agree; who entered it is recorded in the audit log. When done, switch back to {name} in the Operator menu.</translation>
    </message>
    <message>
        <source>原操作员</source>
        <translation>the previous operator</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>zh</source>
        <translation>en</translation>
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
        <source>扫描选票</source>
        <translation>scanning ballots</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>review</translation>
    </message>
    <message>
        <source>选票</source>
        <translation>ballots</translation>
    </message>
    <message>
        <source>代表证</source>
        <translation>delegate cards</translation>
    </message>
    <message>
        <source>发出和收回</source>
        <translation>issued and collected</translation>
    </message>
    <message>
        <source>报到</source>
        <translation>check-in</translation>
    </message>
    <message>
        <source>报告单</source>
        <translation>papers</translation>
    </message>
    <message>
        <source>计票结果</source>
        <translation>results</translation>
    </message>
    <message>
        <source>校验文件</source>
        <translation>verifying the file</translation>
    </message>
    <message>
        <source>代表名单</source>
        <translation>roster</translation>
    </message>
    <message>
        <source>选举单位</source>
        <translation>units</translation>
    </message>
    <message>
        <source>选举事项和候选人</source>
        <translation>contests and candidates</translation>
    </message>
    <message>
        <source>新建选举</source>
        <translation>new election</translation>
    </message>
    <message>
        <source>后台任务</source>
        <translation>a background task</translation>
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
    <name>PapersPage</name>
    <message>
        <source>计票结果报告单和当选名单</source>
        <translation>Tally sheet and list of those elected</translation>
    </message>
    <message>
        <source>清点到会人数报告单</source>
        <translation>Attendance sheet</translation>
    </message>
    <message>
        <source>发出和收回选票报告单</source>
        <translation>Ballots issued and collected</translation>
    </message>
    <message>
        <source>当选人员结构</source>
        <translation>Composition of those elected</translation>
    </message>
    <message>
        <source>报告单和确认</source>
        <translation>Papers and certification</translation>
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
        <source>报告单</source>
        <translation>Papers</translation>
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
        <source>确认前打印的报告单标有“临时”或“未确认”字样；确认后打印的印有结果的数字摘要和二维码，可在“审计日志”中用“核验”查出任何改动。每次打印都记入审计日志。</source>
        <translation>Papers printed before certification are marked provisional or not certified; papers printed after it carry the result&apos;s digest and QR code, so any change can be found with &apos;Verify&apos; in the audit log. Every print is recorded in the audit log.</translation>
    </message>
    <message>
        <source>确认结果（冻结本轮）</source>
        <translation>Certify the result (freeze the round)</translation>
    </message>
    <message>
        <source>签名确认的人（总监票人、监票人，用顿号分隔）</source>
        <translation>Who signs (chief scrutineer, scrutineers; separate names with 、 or commas)</translation>
    </message>
    <message>
        <source>如：罗兰、马超</source>
        <translation>e.g. 罗兰、马超</translation>
    </message>
    <message>
        <source>确认并冻结结果…</source>
        <translation>Certify and freeze…</translation>
    </message>
    <message>
        <source>还没有选举事项</source>
        <translation>No contest yet</translation>
    </message>
    <message>
        <source>先在“选举事项和候选人”中添加选举事项。</source>
        <translation>Add a contest first under &apos;Contests and candidates&apos;.</translation>
    </message>
    <message>
        <source>第 {n} 轮</source>
        <translation>Round {n}</translation>
    </message>
    <message>
        <source>分团计票（以主机为准）</source>
        <translation>Station count (the main laptop decides)</translation>
    </message>
    <message>
        <source>这是分团计票机（{station}）：本机只有本分团的票箱和选票，没有报到记录。本轮是否有效、谁当选，以及确认并冻结结果，都在主机合并各分团的结果包之后进行。</source>
        <translation>This is a station laptop ({station}): only this sub-delegation&apos;s boxes and sheets are here, no check-ins. Whether the round is valid, who is elected, and certifying the result are done on the main laptop, once every station&apos;s results package is merged.</translation>
    </message>
    <message>
        <source>已确认（冻结）</source>
        <translation>Certified (frozen)</translation>
    </message>
    <message>
        <source>已于 {at} 由 {who} 确认冻结。
数字摘要：{digest}</source>
        <translation>Certified and frozen on {at} by {who}.
Digest: {digest}</translation>
    </message>
    <message>
        <source>临时结果</source>
        <translation>Provisional</translation>
    </message>
    <message>
        <source>还有 {n} 张选票待审核或待确认</source>
        <translation>sheets still awaiting review or confirmation: {n}</translation>
    </message>
    <message>
        <source>尚未登记发出和收回张数</source>
        <translation>the issued and collected counts are not entered</translation>
    </message>
    <message>
        <source>计入的选票张数与收回张数不一致</source>
        <translation>the sheets counted differ from the sheets collected</translation>
    </message>
    <message>
        <source>有防伪码相同的两张选票都已计入</source>
        <translation>two counted sheets carry one serial</translation>
    </message>
    <message>
        <source>登记的收回票数为 0</source>
        <translation>0 ballots are entered as collected</translation>
    </message>
    <message>
        <source>分团计票机“{names}”还没有交来这一轮计完的计票结果</source>
        <translation>station laptop(s) {names} have not sent their finished count of this round</translation>
    </message>
    <message>
        <source>结果尚未确定，还不能确认：{why}。</source>
        <translation>The result is not final yet and cannot be certified: {why}.</translation>
    </message>
    <message>
        <source>本轮无效</source>
        <translation>Round void</translation>
    </message>
    <message>
        <source>最终结果（待确认）</source>
        <translation>Final (not yet certified)</translation>
    </message>
    <message>
        <source>本轮投票无效：确认后记录为无效（保留记录），然后须重新投票。</source>
        <translation>This round is void: certifying records it as void (kept on record); then the vote must be run again.</translation>
    </message>
    <message>
        <source>结果已确定。核对报告单无误后，由监票人签名确认并冻结。</source>
        <translation>The result is final. Once the papers are checked, the scrutineers sign and certify it.</translation>
    </message>
    <message>
        <source>预览：{what}，共 {n} 页 · 这是打印出来的样子</source>
        <translation>Preview: {what}, {n} pages · this is how it prints</translation>
    </message>
    <message>
        <source>报告单另存为 PDF</source>
        <translation>Save the papers as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>正在生成报告单</source>
        <translation>Making the papers</translation>
    </message>
    <message>
        <source>打印报告单</source>
        <translation>Print the papers</translation>
    </message>
    <message>
        <source>正在打印报告单</source>
        <translation>Printing the papers</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>certified</translation>
    </message>
    <message>
        <source>未确认</source>
        <translation>not certified</translation>
    </message>
    <message>
        <source>临时</source>
        <translation>provisional</translation>
    </message>
    <message>
        <source>无效</source>
        <translation>void</translation>
    </message>
    <message>
        <source>分团计票</source>
        <translation>station count</translation>
    </message>
    <message>
        <source>✓ 已打印 {n} 页（{state}）：{path}</source>
        <translation>✓ Printed {n} page(s) ({state}): {path}</translation>
    </message>
    <message>
        <source>请填写签名确认的人的姓名（总监票人、监票人）。</source>
        <translation>Enter the names of those who sign (chief scrutineer, scrutineers).</translation>
    </message>
    <message>
        <source>确认 {title} 第 {n} 轮的结果并冻结？

确认后：
· 本轮不能再扫描选票、审核、登记发出/收回张数或修改任何记录；
· 报告单上印出结果的数字摘要和二维码，任何改动都能被“核验”查出；
· 此操作不能撤销。如发现错误，只能按规定重新投票。

签名确认：{names}</source>
        <translation>Certify and freeze the result of {title}, round {n}?

Afterwards:
· no more scans, review decisions, issued/collected counts or any change for this round;
· the papers carry the result&apos;s digest and QR code, and &apos;Verify&apos; finds any change;
· this cannot be undone. If a mistake is found, the only remedy is a new vote as the rules say.

Signed by: {names}</translation>
    </message>
    <message>
        <source>本轮投票无效：将记录为无效（保留记录），之后须重新投票。</source>
        <translation>This round is void: it will be recorded as void (kept on record) and must then be run again.</translation>
    </message>
    <message>
        <source>确认并冻结结果</source>
        <translation>Certify and freeze</translation>
    </message>
    <message>
        <source>分团计票机“{stations}”还没有交来这一轮计完的计票结果（没有交来，或最近的结果包没有声明计票完毕）。

结果冻结之后，它的结果包会被拒收，那里计的选票就计不进来了。通常应先在该计票机上计完后加 --done 导出结果包（没有计票也这样导出一个），在本机导入（huanjie results import）。

只有该计票机确实没有参与本轮计票或已无法使用，并经总监票人同意，才不等它的结果包而确认（只计已收到的，记入审计日志）。现在不等它，确认并冻结？</source>
        <translation>Station laptop(s) {stations} have not sent their finished count of this round (nothing sent, or their latest package does not state that they have finished counting).

Once the result is frozen, their package is refused, and the ballots counted there with it. Normally, once that laptop has counted, export its results package there with --done (even with nothing counted) and import it here (huanjie results import).

Only if that laptop took no part in counting this round or cannot be used any more, and the chief scrutineer agrees, certify without waiting for its package (only what has come in counts; recorded in the audit log). Certify and freeze now, without it?</translation>
    </message>
    <message>
        <source>有分团计票机未交结果</source>
        <translation>A station laptop has not reported</translation>
    </message>
    <message>
        <source>✓ 已确认并冻结。数字摘要 {digest}，请打印报告单签名。</source>
        <translation>✓ Certified and frozen. Digest {digest}: print the papers for signing.</translation>
    </message>
    <message>
        <source>本轮已记录为无效。请到“计票结果”开启重新投票。</source>
        <translation>The round is recorded as void. Open the re-run under &apos;Results&apos;.</translation>
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
    <name>ProposalDialog</name>
    <message>
        <source>另行选举</source>
        <translation>Supplementary election</translation>
    </message>
    <message>
        <source>再次投票（得票相等者）</source>
        <translation>Re-vote (tied candidates)</translation>
    </message>
    <message>
        <source>重新投票</source>
        <translation>Re-run</translation>
    </message>
    <message>
        <source>重新投票（上一轮无效）</source>
        <translation>Re-run (the previous round is void)</translation>
    </message>
    <message>
        <source>开启第 {n} 轮：{kind}</source>
        <translation>Open round {n}: {kind}</translation>
    </message>
    <message>
        <source>{title}
第 {n} 轮 · {kind} · 应选 {seats} 名</source>
        <translation>{title}
Round {n} · {kind} · {seats} seat(s)</translation>
    </message>
    <message>
        <source>候选人名单（按上一轮得票，多者在前）须经主席团确认。开启后可在“选票”中印制本轮选票（按姓氏笔画排列）。</source>
        <translation>The candidate list (by votes in the previous round, most first) must be confirmed by the presidium. Once the round is open, print its ballots under &apos;Ballots&apos; (names in surname stroke order).</translation>
    </message>
    <message>
        <source>候选人</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <source>上一轮赞成票</source>
        <translation>Agree votes in the previous round</translation>
    </message>
    <message>
        <source>代表编号或此前另选的姓名，逗号分隔</source>
        <translation>Roster codes or names written in earlier, comma-separated</translation>
    </message>
    <message>
        <source>0（不再另行选举）</source>
        <translation>0 (no further round)</translation>
    </message>
    <message>
        <source>主席团增加的候选人</source>
        <translation>Added by the presidium</translation>
    </message>
    <message>
        <source>选票上的顺序：{names}</source>
        <translation>Order on the ballot: {names}</translation>
    </message>
    <message>
        <source>如：主席团第三次会议决定</source>
        <translation>e.g. presidium, third meeting</translation>
    </message>
    <message>
        <source>主席团调整名单（去掉勾选）或决定减少名额时，须填写依据，它记入审计日志。</source>
        <translation>Where the presidium leaves candidates out (untick them) or reduces the seats, give the decision: it is recorded in the audit log.</translation>
    </message>
    <message>
        <source>应选名额</source>
        <translation>Seats</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>确认开启第 {n} 轮</source>
        <translation>Open round {n}</translation>
    </message>
    <message>
        <source>（另加主席团增加的候选人，开启时按姓氏笔画排入）</source>
        <translation> (plus those the presidium adds, placed in stroke order when the round is opened)</translation>
    </message>
    <message>
        <source>名单或名额有改动：请填写依据（主席团的决定）。</source>
        <translation>The list or the seats changed: give the decision (the presidium&apos;s).</translation>
    </message>
</context>
<context>
    <name>ReasonBox</name>
    <message>
        <source>按 1–{n} 选择列出的理由，或写明其他理由</source>
        <translation>Press 1–{n} to choose a reason listed, or write another reason</translation>
    </message>
    <message>
        <source>请写明整张作废的理由。</source>
        <translation>Give the reason for voiding the sheet.</translation>
    </message>
    <message>
        <source>“{text}”不是理由：请从列出的理由中选择（按 1–{n}），或用文字写明理由。</source>
        <translation>“{text}” is no reason: choose one of the reasons listed (press 1–{n}), or write the reason in words.</translation>
    </message>
</context>
<context>
    <name>ReconcilePage</name>
    <message>
        <source>发出和收回的选票</source>
        <translation>Ballots issued and collected</translation>
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
        <source>发出（合计）</source>
        <translation>Issued (total)</translation>
    </message>
    <message>
        <source>收回（合计）</source>
        <translation>Collected (total)</translation>
    </message>
    <message>
        <source>已扫描计入</source>
        <translation>Scanned and counted</translation>
    </message>
    <message>
        <source>待审核</source>
        <translation>For review</translation>
    </message>
    <message>
        <source>各票箱（或代表团）</source>
        <translation>Ballot boxes (or delegations)</translation>
    </message>
    <message>
        <source>票箱</source>
        <translation>Ballot box</translation>
    </message>
    <message>
        <source>发出</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>收回</source>
        <translation>Collected</translation>
    </message>
    <message>
        <source>登记人 · 时间</source>
        <translation>Entered by · when</translation>
    </message>
    <message>
        <source>双击“发出”或“收回”可直接修改；每次修改都记入审计日志。</source>
        <translation>Double-click &apos;Issued&apos; or &apos;Collected&apos; to correct it; every change is recorded in the audit log.</translation>
    </message>
    <message>
        <source>登记一个票箱</source>
        <translation>Enter a ballot box</translation>
    </message>
    <message>
        <source>如：1号票箱、第一代表团</source>
        <translation>e.g. Box 1, First delegation</translation>
    </message>
    <message>
        <source> 张</source>
        <translation> sheets</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>添加票箱</source>
        <translation>Add a box</translation>
    </message>
    <message>
        <source>发出：发给投票人的选票张数；收回：开箱清点的选票张数（含空白票和废票）。由监票人清点后当众报告，在这里登记。</source>
        <translation>Issued: ballots handed to voters. Collected: ballots counted when the box is opened (blank and void ones included). The scrutineers count and announce them; enter them here.</translation>
    </message>
    <message>
        <source>还没有选举事项</source>
        <translation>No contest yet</translation>
    </message>
    <message>
        <source>先在“选举事项和候选人”中添加选举事项。</source>
        <translation>Add a contest first under &apos;Contests and candidates&apos;.</translation>
    </message>
    <message>
        <source>第 {n} 轮</source>
        <translation>Round {n}</translation>
    </message>
    <message>
        <source>尚未登记完各票箱的发出和收回张数</source>
        <translation>The issued and collected counts are not all entered</translation>
    </message>
    <message>
        <source>（{boxes} 还缺）</source>
        <translation> ({boxes} missing)</translation>
    </message>
    <message>
        <source>收回 {c} 张，多于发出 {i} 张：本轮投票无效，须重新投票</source>
        <translation>{c} collected, more than the {i} issued: this round is void and must be run again</translation>
    </message>
    <message>
        <source>收回 {c} 张，不多于发出 {i} 张：本轮投票有效</source>
        <translation>{c} collected, not more than the {i} issued: this round is valid</translation>
    </message>
    <message>
        <source>本分团收回 {c} 张，多于发出 {i} 张：请核对各票箱的张数（本轮是否有效以主机为准）</source>
        <translation>This station: {c} collected, more than the {i} issued: check each box&apos;s numbers (whether the round is valid is the main laptop&apos;s to say)</translation>
    </message>
    <message>
        <source>本分团收回 {c} 张，不多于发出 {i} 张（本轮是否有效以主机为准）</source>
        <translation>This station: {c} collected, not more than the {i} issued (whether the round is valid is the main laptop&apos;s to say)</translation>
    </message>
    <message>
        <source>还有 {d} 张收回的选票没有计入：收回 {c} 张，只扫描了 {s} 张（见下方）；收回不多于发出 {i} 张</source>
        <translation>{d} collected sheet(s) not counted yet: {c} collected, only {s} scanned (see below); collected not more than the {i} issued</translation>
    </message>
    <message>
        <source>（本轮结果已确认冻结，票数不能再改）</source>
        <translation>(the result is certified and frozen: the counts cannot change)</translation>
    </message>
    <message>
        <source>（本轮已记录为无效）</source>
        <translation>(this round is recorded as void)</translation>
    </message>
    <message>
        <source>（已开启第 {n} 轮，本轮票数不能再改）</source>
        <translation>(round {n} has been opened: this round&apos;s counts can no longer change)</translation>
    </message>
    <message>
        <source>收回 {c} 张，不多于发出 {i} 张；但已扫描计入的比收回的多 {d} 张：请先核对（见下方）</source>
        <translation>{c} collected, not more than the {i} issued; but {d} more sheets were read than collected: check first (see below)</translation>
    </message>
    <message>
        <source>已计入 {n} 张（有效 {v}，无效 {x}）。</source>
        <translation>{n} counted ({v} valid, {x} void).</translation>
    </message>
    <message>
        <source>扫描的张数与收回的张数相同（{n} 张）。</source>
        <translation>The sheets scanned equal the sheets collected ({n}).</translation>
    </message>
    <message>
        <source>收回 {c} 张，已扫描 {s} 张：还有 {d} 张没有计入。请查看“扫描选票”中的拒收选票，重扫或交监票人手工录入。</source>
        <translation>{c} collected, {s} scanned: {d} not counted yet. Look at the rejected sheets under &apos;Scan ballots&apos;: scan them again or have a scrutineer enter them by hand.</translation>
    </message>
    <message>
        <source>已扫描 {s} 张，比收回的 {c} 张多 {d} 张：请核对收回张数，并检查是否混入了其他票箱或其他事项的选票。</source>
        <translation>{s} scanned, {d} more than the {c} collected: check the collected count, and whether ballots of another box or contest were mixed in.</translation>
    </message>
    <message>
        <source>{n}号票箱</source>
        <translation>Box {n}</translation>
    </message>
    <message>
        <source>“{text}”不是张数：请输入 0 或正整数。</source>
        <translation>&apos;{text}&apos; is not a number of sheets: enter 0 or a positive whole number.</translation>
    </message>
    <message>
        <source>请填写票箱的名称，如“1号票箱”。</source>
        <translation>Enter the name of the box, e.g. &apos;Box 1&apos;.</translation>
    </message>
    <message>
        <source>没有输入新的张数：请输入“发出”或“收回”的张数，再按回车或“登记”。</source>
        <translation>No new number was entered: type the issued or collected number, then press Enter or &apos;Enter&apos;.</translation>
    </message>
    <message>
        <source>发出 {n} 张</source>
        <translation>{n} issued</translation>
    </message>
    <message>
        <source>收回 {n} 张</source>
        <translation>{n} collected</translation>
    </message>
    <message>
        <source>✓ 已登记 {box}：{what}</source>
        <translation>✓ Entered {box}: {what}</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>RejectedModel</name>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>怎么办</source>
        <translation>What to do</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>暂列当选</source>
        <translation>Elected (provisional)</translation>
    </message>
    <message>
        <source>当选</source>
        <translation>Elected</translation>
    </message>
    <message>
        <source>得票相等，须再次投票</source>
        <translation>Tied: re-vote</translation>
    </message>
    <message>
        <source>过半数，但名额已满</source>
        <translation>Over half, seats full</translation>
    </message>
    <message>
        <source>未过半数，未当选</source>
        <translation>Not over half: not elected</translation>
    </message>
    <message>
        <source>已确认（冻结）</source>
        <translation>Certified (frozen)</translation>
    </message>
    <message>
        <source>最终结果（待确认）</source>
        <translation>Final (not yet certified)</translation>
    </message>
    <message>
        <source>本轮无效</source>
        <translation>Round void</translation>
    </message>
    <message>
        <source>临时结果</source>
        <translation>Provisional</translation>
    </message>
    <message>
        <source>还有 {n} 张选票待审核或待确认：到“审核”处理。</source>
        <translation>Sheets awaiting review or confirmation: {n}. See &apos;Review&apos;.</translation>
    </message>
    <message>
        <source>本轮还在等分团计票机“{names}”交来计票结果，现在不宣布任何人当选：请在该计票机计完后加 --done 导出结果包（huanjie results export … --done），在本机导入（huanjie results import）；如该计票机已无法使用，经总监票人同意后可不等它确认：点“确认并冻结结果…”时会问是否不等它（只计已收到的部分，记入审计日志；命令行：huanjie certify &quot;{path}&quot; --contest {contest} --round {round} --by 确认人 --without-station {first}）。</source>
        <translation>This round still waits for the count of station laptop(s) {names}: nobody is declared elected meanwhile. Once that laptop has counted, export its results package there with --done (huanjie results export … --done) and import it here (huanjie results import). If it cannot be used any more, the round can be certified without it once the chief scrutineer agrees: &apos;Certify and freeze…&apos; asks whether to go on without it (only what has come in counts; recorded in the audit log; command line: huanjie certify &quot;{path}&quot; --contest {contest} --round {round} --by NAMES --without-station {first}).</translation>
    </message>
    <message>
        <source>尚未登记各票箱的发出和收回张数：到“发出和收回”登记。</source>
        <translation>The issued and collected counts per box are not entered: see &apos;Issued and collected&apos;.</translation>
    </message>
    <message>
        <source>收回 {c} 张多于发出 {i} 张：本轮投票无效，须重新投票（本轮记录保留）。</source>
        <translation>{c} collected is more than the {i} issued: this round is void and must be run again (it stays on record).</translation>
    </message>
    <message>
        <source>票箱“{box}”由两个分团都报来了发出/收回票数（{reports}），合计里每份都算了一次。如是同一个票箱，请总监票人选定按哪一份计（在命令行中运行）：huanjie ballots box-resolve &quot;{path}&quot; --contest {contest} --round {round} --box {box} --take 分团名 --by 总监票人姓名；如确是同名的两个票箱，把 --take 分团名 换成 --both。</source>
        <translation>Box “{box}” was reported by two stations ({reports}), and the totals count each report. If it is one box, the chief scrutineer chooses which report counts (in a terminal): huanjie ballots box-resolve &quot;{path}&quot; --contest {contest} --round {round} --box {box} --take STATION --by NAME; if they really are two boxes of one name, put --both instead of --take STATION.</translation>
    </message>
    <message>
        <source>{station} 发出 {issued} 张、收回 {collected} 张</source>
        <translation>{station}: {issued} issued, {collected} collected</translation>
    </message>
    <message>
        <source>到会人数（实到 {p}，应到 {e}）未达到法定人数：本轮投票无效。</source>
        <translation>Attendance ({p} present of {e} expected) is below the quorum: this round is void.</translation>
    </message>
    <message>
        <source>注意：计入的选票张数与收回张数不一致，请在“发出和收回”核对。</source>
        <translation>Note: the sheets counted differ from the sheets collected; check under &apos;Issued and collected&apos;.</translation>
    </message>
    <message>
        <source>已在前一轮当选</source>
        <translation>elected in an earlier round</translation>
    </message>
    <message>
        <source>不在再次投票范围</source>
        <translation>not among the tied</translation>
    </message>
    <message>
        <source>代表名单中无选举权，不能当选</source>
        <translation>no vote on the roster: cannot be elected</translation>
    </message>
    <message>
        <source>过半数，暂不宣布当选</source>
        <translation>Over half; not declared until decided</translation>
    </message>
    <message>
        <source>暂未过半数</source>
        <translation>Not over half so far</translation>
    </message>
    <message>
        <source>再次投票得票较少，未当选</source>
        <translation>fewer votes in the re-vote, not elected</translation>
    </message>
    <message>
        <source>再次投票，暂不宣布当选</source>
        <translation>tie re-vote, nobody declared elected yet</translation>
    </message>
    <message>
        <source>本轮无效，不决定当选</source>
        <translation>Round void: decides nobody</translation>
    </message>
    <message>
        <source>确定为正式候选人</source>
        <translation>Selected as a formal candidate</translation>
    </message>
    <message>
        <source>未入选</source>
        <translation>Not selected</translation>
    </message>
    <message>
        <source>结果未定，暂不确定</source>
        <translation>Not decided yet</translation>
    </message>
    <message>
        <source>分团计票机（{station}）：本机只有本分团的票箱和选票，没有报到记录。到会人数、本轮是否有效、谁当选，以主机合并各分团后的结果为准。</source>
        <translation>Station laptop ({station}): only this sub-delegation&apos;s boxes and sheets are here, no check-ins. Attendance, whether the round is valid and who is elected are the main laptop&apos;s, once every station is merged.</translation>
    </message>
    <message>
        <source>分团计票（以主机为准）</source>
        <translation>Station count (the main laptop decides)</translation>
    </message>
    <message>
        <source>实到 {p} 人少于发出 {i}、收回 {c} 张选票：实到是在本轮第一条选票记录进来时确定的，那时报到多半还没有结束（如在报到结束前就登记了发出张数），或分团计票机的时钟不准，本轮不能据此确认为最终结果或无效。请总监票人核对报到记录和会议记录，按本机时钟核定投票开始的时间（在命令行中运行）：huanjie round attendance &quot;{path}&quot; --contest {contest} --round {round} --voting-began 时:分 --by 总监票人姓名 --reason 依据；如实到人数确实如此，把 --voting-began 时:分 换成 --as-fixed。</source>
        <translation>{p} present are fewer than the {i} ballots issued and {c} collected: the number present was fixed when the round&apos;s first ballot record came in, most likely before check-in ended (a box&apos;s issued count typed while voters still checked in) or by a station laptop&apos;s clock that is wrong, and the round is neither final nor void on it. The chief scrutineer checks the check-ins and the meeting&apos;s record and settles when voting began on this laptop&apos;s clock (in a terminal): huanjie round attendance &quot;{path}&quot; --contest {contest} --round {round} --voting-began HH:MM --by NAME --reason GROUNDS; if the number present is truly so, put --as-fixed instead of --voting-began HH:MM.</translation>
    </message>
    <message>
        <source>本分团登记的收回 {c} 张多于发出 {i} 张：请到“发出和收回”核对本分团各票箱的张数。</source>
        <translation>This station&apos;s boxes are entered as {c} collected against {i} issued: check each box&apos;s numbers under &apos;Issued and collected&apos;.</translation>
    </message>
    <message>
        <source>登记的收回 {c} 张多于发出 {i} 张，本轮本应无效；但在案的选票只有 {n} 张。请先到“发出和收回”核对各票箱的收回张数是否录错；如确实收回 {c} 张，请找出尚未扫描或录入的选票。核对清楚之前不能确认本轮无效。</source>
        <translation>{c} ballots are entered as collected against {i} issued, which would void the round; but only {n} sheets are on record. Check each box&apos;s collected number on &quot;Issued and collected&quot; first; if {c} were really collected, find the sheets not scanned or entered yet. The round cannot be certified void until this is settled.</translation>
    </message>
    <message>
        <source>登记的收回票数为 0（没有收回任何选票）：到“发出和收回”核对各票箱的收回张数。</source>
        <translation>0 ballots are entered as collected (none came back): check each box&apos;s collected count under Issued and collected.</translation>
    </message>
    <message>
        <source>有防伪码相同的两张选票都已计入：到“审核”把重复扫描的一张记为重复，或作废复印件。</source>
        <translation>Two counted sheets carry one serial: under &apos;Review&apos;, record the second scan as a duplicate, or void the photocopy.</translation>
    </message>
    <message>
        <source>票箱“{box}”由两个分团都报来了发出/收回票数（{reports}），合计里每份都算了一次。“{box}”是没有写票箱名时程序默认的名称，各分团的“{box}”多半是各自的票箱：对照清点记录，如是不同的票箱，两份都计（在命令行中运行）：huanjie ballots box-resolve &quot;{path}&quot; --contest {contest} --round {round} --box {box} --both --by 总监票人姓名；如确是同一个票箱，把 --both 换成 --take 分团名，按那个分团报来的计。</source>
        <translation>Box “{box}” was reported by two stations ({reports}), and the totals count each report. “{box}” is the name the program gave a box when none was typed, so each station&apos;s is most likely a box of its own: check the tally sheets, and if they are different boxes, both count (run on the command line): huanjie ballots box-resolve &quot;{path}&quot; --contest {contest} --round {round} --box {box} --both --by NAME; if it is truly one box, replace --both with --take STATION to count that station&apos;s report.</translation>
    </message>
    <message>
        <source>到会人数（实到 {p}，应到 {e}）尚未达到法定人数，还不能投票：请继续报到，达到法定人数后再发票。</source>
        <translation>Attendance ({p} present of {e} expected) is below the quorum, no vote can be held yet: go on checking voters in, and issue the ballots once the quorum is reached.</translation>
    </message>
    <message>
        <source>注意：另选的人在代表名单中无选举权（预备党员？），不能当选：请监票人核对另选姓名是否对应正确。</source>
        <translation>Note: a person written in has no vote on the roster (a probationary member?) and cannot be elected: the scrutineers check the written name was matched to the right person.</translation>
    </message>
    <message>
        <source>注意：发出票数（{i}）多于实到人数（{p}）：请核对各票箱的发出票数和报到记录。</source>
        <translation>Note: more ballots issued ({i}) than voters present ({p}): check each box&apos;s issued count and the check-ins.</translation>
    </message>
    <message>
        <source>注意：分团计票机“{names}”还没有交来这一轮的计票结果（选票、手工录入、票箱数，或计票完毕的声明），那里的选票不在本结果中。确认结果或开启下一轮之前，请先导入它的结果包；没有这一轮选票的计票机，导出结果包时加 --done。</source>
        <translation>Note: station laptop(s) {names} have sent nothing of this round yet (no sheet, hand entry or box count, and no statement that they have finished counting): the ballots counted there are not in this result. Import their package before certifying or opening the next round; a laptop with no ballots of this round exports its package with --done.</translation>
    </message>
    <message>
        <source>“{names}”的结果包声明了计票完毕，但它的导出时间晚于在本机导入的时间：那台计票机的时钟比本机快，说明不了这个包是在投票开始之后导出的。请把它的时钟调准，再加 --done导出结果包并导入。</source>
        <translation>The package of {names} states it has finished counting, but is dated later than its import here: that laptop&apos;s clock is ahead, and cannot show the package was made after voting began. Set its clock right, then export its package again with --done and import it.</translation>
    </message>
    <message>
        <source>注意：分团计票机“{names}”交来的是中途的计票结果：最近的结果包没有声明这一轮计票完毕，此后那里计的选票不在本结果中。请在该计票机计完后加 --done 再导出结果包（huanjie results export … --done）并导入，才能确认结果或开启下一轮。</source>
        <translation>Note: station laptop(s) {names} sent this round part-way: their latest package does not state that they have finished counting it, and the ballots counted there since are not in this result. Once they have counted, export their package again with --done (huanjie results export … --done) and import it, before certifying or opening the next round.</translation>
    </message>
    <message>
        <source>注意：{names} 未当选本文件中的常委：书记、副书记从当选的常委中选举，宣布前请监票人核对名单。</source>
        <translation>Warning: {names} not elected to the standing committee in this file: the secretary and deputies are elected from among those elected to it. The scrutineers check the list before anything is announced.</translation>
    </message>
    <message>
        <source>注意：手工录入的选票 {labels} 只录入了一次（或两次不一致），尚未计入：请由第二人对照原票录入（“扫描选票”页的“手工录入…”）；误录的（标签打错、已在另一个标签下录入或已经扫描），由监票人写明理由撤出（“扫描选票”或“审核”页的“撤出计票…”），再由另一位监票人在同一处确认。（命令行：huanjie manual、huanjie review withdraw）</source>
        <translation>Note: hand-entered ballots {labels} were entered once only (or twice differently) and do not count yet: a second person enters each against the paper (&quot;Enter by hand…&quot; on the Scan page); one entered by mistake (label mistyped, entered under another label, or scanned) a scrutineer takes out of the count with the reason (&quot;Take out of count…&quot; on the Scan or Review page), and another scrutineer confirms it there. (Command line: huanjie manual, huanjie review withdraw)</translation>
    </message>
    <message>
        <source>另选他人栏中写了姓名但无法辨认的 {n} 处：不计任何人的票（每处算作选了一人）。</source>
        <translation>{n} write-in(s) with a name written that cannot be read: no one&apos;s vote (each counts as one person chosen).</translation>
    </message>
    <message>
        <source>计票结果</source>
        <translation>Results</translation>
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
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>赞成</source>
        <translation>Agree</translation>
    </message>
    <message>
        <source>不赞成</source>
        <translation>Disagree</translation>
    </message>
    <message>
        <source>弃权</source>
        <translation>Abstain</translation>
    </message>
    <message>
        <source>占基数</source>
        <translation>% base</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>全委会定义表…</source>
        <translation>Plenary workbook…</translation>
    </message>
    <message>
        <source>为新一届委员会全体会议（选举常委、书记、副书记）写出定义表，代表名单为当选的委员</source>
        <translation>Write the definition workbook of the new committee&apos;s plenary (standing committee, secretary, deputies), its roster the members elected</translation>
    </message>
    <message>
        <source>报告单和确认…</source>
        <translation>Papers and certification…</translation>
    </message>
    <message>
        <source>还没有选举事项</source>
        <translation>No contest yet</translation>
    </message>
    <message>
        <source>先在“选举事项和候选人”中添加选举事项。</source>
        <translation>Add a contest first under &apos;Contests and candidates&apos;.</translation>
    </message>
    <message>
        <source>第 {n} 轮</source>
        <translation>Round {n}</translation>
    </message>
    <message>
        <source>已由 {who} 确认冻结，数字摘要 {digest}。</source>
        <translation>Certified and frozen by {who}; digest {digest}.</translation>
    </message>
    <message>
        <source>应选 {seats} 名 · 本分团：发出 {i} 张，收回 {c} 张 · 有效票 {v} 张，无效票 {x} 张 · 当选须得赞成票至少 {t} 票（各分团合计）</source>
        <translation>{seats} seat(s) · this station: {i} issued, {c} collected · {v} valid, {x} void · elected needs at least {t} agree votes (all stations together)</translation>
    </message>
    <message>
        <source>预选：确定正式候选人 {seats} 名 · 应到 {e} 人，实到 {p} 人 · 发出 {i} 张，收回 {c} 张 · 有效票 {v} 张，无效票 {x} 张 · 按赞成票多少确定，不要求过半数</source>
        <translation>Preselection of {seats} formal candidate(s) · expected {e}, present {p} · issued {i}, collected {c} · valid {v}, void {x} · the most agree votes select; no more-than-half rule</translation>
    </message>
    <message>
        <source>应选 {seats} 名 · 应到 {e} 人，实到 {p} 人 · 发出 {i} 张，收回 {c} 张 · 有效票 {v} 张，无效票 {x} 张 · 再次投票：票数相等的被选举人中得票多的当选（他们在原轮次均已过半数）</source>
        <translation>{seats} seat(s) · expected {e}, present {p} · issued {i}, collected {c} · valid {v}, void {x} · tie re-vote: the most votes among those tied are elected (each was over half in the round they tied in)</translation>
    </message>
    <message>
        <source>应到</source>
        <translation>expected</translation>
    </message>
    <message>
        <source>实到</source>
        <translation>present</translation>
    </message>
    <message>
        <source>应选 {seats} 名 · 应到 {e} 人，实到 {p} 人 · 发出 {i} 张，收回 {c} 张 · 有效票 {v} 张，无效票 {x} 张 · 当选须得赞成票超过{bw}人数 {b} 的一半，即至少 {t} 票</source>
        <translation>{seats} seat(s) · {e} expected, {p} present · {i} issued, {c} collected · {v} valid, {x} void · elected needs agree votes above half of the {bw} voters ({b}), i.e. at least {t}</translation>
    </message>
    <message>
        <source>（另选）</source>
        <translation> (write-in)</translation>
    </message>
    <message>
        <source>尚未计票</source>
        <translation>not counted yet</translation>
    </message>
    <message>
        <source>这不是最新一轮：第 {n} 轮已经开启。</source>
        <translation>This is not the latest round: round {n} is already open.</translation>
    </message>
    <message>
        <source>分团计票机：下一轮在主机上开启（之后由主机为本分团导出新的分团包）。</source>
        <translation>Station laptop: the next round is opened on the main laptop (which then exports a new station package for this sub-delegation).</translation>
    </message>
    <message>
        <source>本轮无效：须重新投票。</source>
        <translation>This round is void: the vote must be run again.</translation>
    </message>
    <message>
        <source>结果确定后，才能开启下一轮。</source>
        <translation>The next round can be opened once the result is final.</translation>
    </message>
    <message>
        <source>{names} 得票相等，争 {n} 个名额：须对他们再次投票。</source>
        <translation>{names} are tied for {n} seat(s): they go to a re-vote.</translation>
    </message>
    <message>
        <source>确定为正式候选人 {n} 名（按姓氏笔画为序）：{names}</source>
        <translation>{n} selected as formal candidates (surname stroke order): {names}</translation>
    </message>
    <message>
        <source>；尚缺 {n} 名（预选不另行选举）</source>
        <translation>; {n} short (a preselection has no supplementary round)</translation>
    </message>
    <message>
        <source>空缺的 {n} 个名额减少，不再另行选举（{decision}）。</source>
        <translation>The {n} unfilled seat(s) are given up; no further round ({decision}).</translation>
    </message>
    <message>
        <source>还有 {n} 个名额没有选出：可另行选举（或由大会决定减少名额）。</source>
        <translation>{n} seat(s) unfilled: hold a supplementary election (or the congress reduces the seats).</translation>
    </message>
    <message>
        <source>名额已全部选出。</source>
        <translation>Every seat is filled.</translation>
    </message>
    <message>
        <source>重新投票…</source>
        <translation>Re-run the vote…</translation>
    </message>
    <message>
        <source>开启再次投票…</source>
        <translation>Open the re-vote…</translation>
    </message>
    <message>
        <source>开启另行选举…</source>
        <translation>Open a supplementary election…</translation>
    </message>
    <message>
        <source>全委会定义表另存为</source>
        <translation>Save the plenary workbook as</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>✓ 已写出全委会定义表：{path}（代表名单为当选的 {n} 名委员）。填写选举事项和候选人后，用“文件 → 由 Excel 定义表新建…”新建选举文件。</source>
        <translation>✓ The plenary workbook is written: {path} (its roster the {n} members elected). Fill in the contests and candidates, then create the election file with File → New from an Excel definition…</translation>
    </message>
    <message>
        <source>分团计票机“{stations}”还没有交来这一轮计完的计票结果（没有交来，或最近的结果包没有声明计票完毕）。

开启下一轮之后，这一轮不再接收它的结果包，那里计的选票就计不进来了。通常应先在该计票机上计完后加 --done 导出结果包（没有计票也这样导出一个），在本机导入。

只有该计票机确实没有参与本轮计票或已无法使用，并经总监票人同意，才不等它的结果包而开启下一轮（只计已收到的，记入审计日志）。现在不等它，开启下一轮？</source>
        <translation>Station laptop(s) {stations} have not sent their finished count of this round (nothing sent, or their latest package does not state that they have finished counting).

Once the next round is opened, this round takes no more of their packages: the ballots counted there cannot be added. Normally, once that laptop has counted, export its results package there with --done (even with nothing counted) and import it here first.

Only if that laptop took no part in counting this round, or cannot be used any more, and the chief scrutineer agrees, open the next round without its package (only what has come in counts; recorded in the audit log). Open the next round now, without it?</translation>
    </message>
    <message>
        <source>有分团计票机未交结果</source>
        <translation>A station laptop has not reported</translation>
    </message>
    <message>
        <source>✓ 已记录：减少名额，不再另行选举（{decision}）。</source>
        <translation>✓ Recorded: the seats are reduced, no further round ({decision}).</translation>
    </message>
    <message>
        <source>✓ 已开启第 {n} 轮（应选 {seats} 名，候选人 {k} 名）。请到“选票”印制本轮选票。</source>
        <translation>✓ Round {n} is open ({seats} seat(s), {k} candidates). Print its ballots under &apos;Ballots&apos;.</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>赞成 ○</source>
        <translation>Agree ○</translation>
    </message>
    <message>
        <source>不赞成 ×</source>
        <translation>Disagree ×</translation>
    </message>
    <message>
        <source>弃权</source>
        <translation>Abstain</translation>
    </message>
    <message>
        <source>无法辨认</source>
        <translation>Illegible</translation>
    </message>
    <message>
        <source>？看不清</source>
        <translation>? unclear</translation>
    </message>
    <message>
        <source>空白</source>
        <translation>empty</translation>
    </message>
    <message>
        <source>○ 圈</source>
        <translation>○ circle</translation>
    </message>
    <message>
        <source>× 叉</source>
        <translation>× cross</translation>
    </message>
    <message>
        <source>其他符号（如 ✓ 或涂黑）</source>
        <translation>another mark (e.g. ✓ or filled in)</translation>
    </message>
    <message>
        <source>看不清</source>
        <translation>unclear</translation>
    </message>
    <message>
        <source>笔迹太淡</source>
        <translation>too faint</translation>
    </message>
    <message>
        <source>只有一个点</source>
        <translation>only a dot</translation>
    </message>
    <message>
        <source>框内涂满了</source>
        <translation>box filled in</translation>
    </message>
    <message>
        <source>○ 上又画了 ×</source>
        <translation>× drawn over ○</translation>
    </message>
    <message>
        <source>✓ 上又画了 ×</source>
        <translation>× drawn over ✓</translation>
    </message>
    <message>
        <source>符号画到了框外</source>
        <translation>mark outside the box</translation>
    </message>
    <message>
        <source>只有一条线</source>
        <translation>a single line</translation>
    </message>
    <message>
        <source>形状既不像 ○ 也不像 ×</source>
        <translation>neither a ○ nor a ×</translation>
    </message>
    <message>
        <source>纸张变形，方框位置未能确认</source>
        <translation>sheet bent: the box&apos;s place could not be confirmed</translation>
    </message>
    <message>
        <source>方框被遮住，看不见（手指、贴纸、涂改液？）</source>
        <translation>the box is covered and cannot be seen (a finger, a sticker, correction fluid?)</translation>
    </message>
    <message>
        <source>赞成栏</source>
        <translation>agree box</translation>
    </message>
    <message>
        <source>不赞成栏</source>
        <translation>disagree box</translation>
    </message>
    <message>
        <source>弃权栏</source>
        <translation>abstain box</translation>
    </message>
    <message>
        <source>（框上有一道深色带：阴影或污迹，请看原票）</source>
        <translation> (a dark band across the box: a shadow or a smear; look at the paper)</translation>
    </message>
    <message>
        <source>（{why}）</source>
        <translation> ({why})</translation>
    </message>
    <message>
        <source>（在折痕的阴影里）</source>
        <translation> (in the shadow of a fold)</translation>
    </message>
    <message>
        <source>，墨迹 {ink:.1f} mm²</source>
        <translation>, ink {ink:.1f} mm²</translation>
    </message>
    <message>
        <source>审核存疑选票</source>
        <extracomment>the sheet just decided: the next refresh moves on to the next one waiting the sheet whose decision was just recorded with no other sheet waiting: an Enter pressed again on it, nothing changed, records nothing (it replaced the decision)</extracomment>
        <translation>Review doubtful sheets</translation>
    </message>
    <message>
        <source>选举事项</source>
        <translation>Contest</translation>
    </message>
    <message>
        <source>也显示已确认的</source>
        <translation>Show confirmed</translation>
    </message>
    <message>
        <source>已确认的决定，包括各分团计票机上作出并确认、随其计票结果导入本机的</source>
        <translation>Confirmed decisions, including those made and confirmed on station laptops and merged in with their results</translation>
    </message>
    <message>
        <source>存疑的选票</source>
        <translation>Doubtful sheets</translation>
    </message>
    <message>
        <source>正在读取图像…</source>
        <translation>Reading the image…</translation>
    </message>
    <message>
        <source>存疑的框，放大显示（橙色框：机器看不清）</source>
        <translation>The doubtful boxes, enlarged (orange: the machine could not tell)</translation>
    </message>
    <message>
        <source>整张选票</source>
        <translation>The whole sheet</translation>
    </message>
    <message>
        <source>第一步：决定（计票人）</source>
        <translation>Step 1: decide (counter)</translation>
    </message>
    <message>
        <source>↑↓ 选候选人，按 1 赞成、2 不赞成、3 弃权、4 无法辨认；W 填另选他人姓名；V 整张作废；回车 记录决定。</source>
        <translation>↑↓ pick a candidate; 1 agree, 2 disagree, 3 abstain, 4 illegible; W write-in name; V void the sheet; Enter records the decision.</translation>
    </message>
    <message>
        <source>原票</source>
        <translation>On paper</translation>
    </message>
    <message>
        <source>候选人</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <source>机器读出</source>
        <translation>Machine read</translation>
    </message>
    <message>
        <source>决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>整张作废（V）</source>
        <translation>Void the sheet (V)</translation>
    </message>
    <message>
        <source>同一张选票的重复扫描，不计（D）</source>
        <translation>Another scan of the same paper: it does not count (D)</translation>
    </message>
    <message>
        <source>已确认：{decider} 决定，{who} 确认（{time}）</source>
        <translation>Confirmed: decided by {decider}, confirmed by {who} ({time})</translation>
    </message>
    <message>
        <source>分团计票机（{station}）</source>
        <translation>Station laptop ({station}) · </translation>
    </message>
    <message>
        <source>未读到姓名</source>
        <translation>no name read</translation>
    </message>
    <message>
        <source>另选他人第 {n} 栏写有姓名，但您没有填写。确实没有写姓名吗？（选“是”按没有姓名记录；写了姓名但认不出的，选“否”后勾选“姓名无法辨认”，或回去填写姓名）</source>
        <translation>Write-in column {n} holds a name, but you entered none. Is there really no name written? (Yes records the column as holding no name; if a name is written but cannot be read, choose No and tick &quot;Name illegible&quot;, or go back and enter the name.)</translation>
    </message>
    <message>
        <source>{decider} 决定，{who} 于 {time} 确认，已计入。</source>
        <translation>Decided by {decider}, confirmed by {who} on {time}; it counts.</translation>
    </message>
    <message>
        <source>在分团计票机（{station}）上决定并确认，随该分团的计票结果导入本机。</source>
        <translation>Decided and confirmed on the station laptop ({station}), merged in here with that station&apos;s results.</translation>
    </message>
    <message>
        <source>同一张选票的重复扫描，不计</source>
        <translation>Another scan of the same paper: does not count</translation>
    </message>
    <message>
        <source>方框在一片污渍里（茶水、咖啡？）：看到的可能是污渍的边</source>
        <translation>the box lies in a stain (tea, coffee?): what was seen may be the stain&apos;s rim</translation>
    </message>
    <message>
        <source>框内空白，但方框的边被笔描过</source>
        <translation>nothing in the box, but its border drawn over with a pen</translation>
    </message>
    <message>
        <source>方框的边有一段被盖住（涂改液、修正带？）：符号可能是改画的</source>
        <translation>part of the box&apos;s border is covered (correction fluid, tape?): the mark may have been changed</translation>
    </message>
    <message>
        <source>○ 或 × 旁边还有颜色较淡的笔迹（铅笔画的另一个符号？）</source>
        <translation>a ○ or × with paler strokes beside it (another mark, in pencil?)</translation>
    </message>
    <message>
        <source>粗笔画的符号上（或旁边）还有细笔的笔画（改画？）</source>
        <translation>a broad pen&apos;s mark with a finer pen&apos;s strokes over or beside it (a correction?)</translation>
    </message>
    <message>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>撤出计票…</source>
        <translation>Take out of count…</translation>
    </message>
    <message>
        <source>把这张选票（或误录的手工录入）撤出本轮计票：监票人写明理由提出，另一位监票人确认</source>
        <translation>Take this sheet (or a mistaken hand entry) out of the round&apos;s count: a scrutineer proposes it with the reason, another confirms it</translation>
    </message>
    <message>
        <source>看背面（B）</source>
        <translation>Show back (B)</translation>
    </message>
    <message>
        <source>这张选票的背面写有文字：在正面和背面之间切换</source>
        <translation>Something is written on this ballot&apos;s back: switch between its front and its back</translation>
    </message>
    <message>
        <source>有可识别投票人的记号</source>
        <translation>Marks that identify the voter</translation>
    </message>
    <message>
        <source>所选人数多于应选名额</source>
        <translation>More chosen than seats</translation>
    </message>
    <message>
        <source>不是本轮的正式选票</source>
        <translation>Not an official ballot of this round</translation>
    </message>
    <message>
        <source>作废的理由（必填）</source>
        <translation>Why void (required)</translation>
    </message>
    <message>
        <source>说明（可不填），如：对照原票，勾视为弃权</source>
        <translation>Note (optional), e.g. checked the paper: the tick counts as abstain</translation>
    </message>
    <message>
        <source>记录决定（回车）</source>
        <translation>Record decision (Enter)</translation>
    </message>
    <message>
        <source>第二步：监票人确认（须另一人）</source>
        <translation>Step 2: a scrutineer confirms (another person)</translation>
    </message>
    <message>
        <source>换人确认…</source>
        <translation>Confirm as someone else…</translation>
    </message>
    <message>
        <source>这张选票的全部决定</source>
        <translation>Every decision on this sheet</translation>
    </message>
    <message>
        <source>还没有人作出决定。</source>
        <translation>Nobody has decided yet.</translation>
    </message>
    <message>
        <source>没有待审核的选票</source>
        <translation>No sheet awaits review</translation>
    </message>
    <message>
        <source>机器能确定的选票都已直接计入。扫描到有疑问的选票时，会出现在这里。</source>
        <translation>Sheets the machine can read are counted directly. Doubtful sheets appear here as they are scanned.</translation>
    </message>
    <message>
        <source>去扫描选票</source>
        <translation>Scan ballots</translation>
    </message>
    <message>
        <source>看计票结果</source>
        <translation>See the results</translation>
    </message>
    <message>
        <source>撤出计票…（{n} 项待确认）</source>
        <translation>Take out of count… ({n} awaiting confirmation)</translation>
    </message>
    <message>
        <source>全部选举事项</source>
        <translation>All contests</translation>
    </message>
    <message>
        <source>待决定 {n} 张</source>
        <translation>{n} to decide</translation>
    </message>
    <message>
        <source>待确认 {n} 张</source>
        <translation>{n} to confirm</translation>
    </message>
    <message>
        <source> 第{n}页</source>
        <translation> page {n}</translation>
    </message>
    <message>
        <source>待决定</source>
        <translation>To decide</translation>
    </message>
    <message>
        <source>已决定（{who} {time}），待确认</source>
        <translation>Decided ({who} {time}), to confirm</translation>
    </message>
    <message>
        <source>第 {n} 轮</source>
        <translation>Round {n}</translation>
    </message>
    <message>
        <source>（背面：{where}）</source>
        <translation> (its back: {where})</translation>
    </message>
    <message>
        <source>防伪码 {s}</source>
        <translation>serial {s}</translation>
    </message>
    <message>
        <source>机器存疑的原因：{why}</source>
        <translation>Why the machine held it: {why}</translation>
    </message>
    <message>
        <source>另选他人 第{n}栏</source>
        <translation>Write-in column {n}</translation>
    </message>
    <message>
        <source>写有姓名</source>
        <translation>a name is written</translation>
    </message>
    <message>
        <source>姓名栏看不清</source>
        <translation>name cell unclear</translation>
    </message>
    <message>
        <source>方格外有笔迹：请看原票</source>
        <translation>Marked outside the box: see the paper</translation>
    </message>
    <message>
        <source>审核中没有记录的决定（{sheets}）</source>
        <translation>Review decisions not recorded ({sheets})</translation>
    </message>
    <message>
        <source>原票上写的姓名（从名单中选择，或照写）</source>
        <translation>The name written on the paper (pick from the roster, or copy it)</translation>
    </message>
    <message>
        <source>姓名无法辨认</source>
        <translation>Name illegible</translation>
    </message>
    <message>
        <source>写了姓名，但认不出是谁：不计任何人的票，但算作选了一人（所选人数多于应选名额的，整张作废）。没有写姓名的不要勾选。</source>
        <translation>A name is written but nobody can tell who it is: no one&apos;s vote, but it counts as one person chosen (a ballot choosing more than the seats is void as a whole). Leave it unticked when no name is written.</translation>
    </message>
    <message>
        <source>另选第{n}栏姓名（W）</source>
        <translation>Write-in {n} name (W)</translation>
    </message>
    <message>
        <source>？请决定</source>
        <translation>? decide</translation>
    </message>
    <message>
        <source>{who} 的决定：{what}</source>
        <translation>{who}&apos;s decision: {what}</translation>
    </message>
    <message>
        <source>按现在的决定选了 {n} 名，多于应选 {seats} 名：记录后整张作废。投票人划掉或改正了哪一位，请先按其意愿改过来。</source>
        <translation>As decided now, {n} are chosen, more than the {seats} seat(s): recording it voids the ballot. Set first the one the voter struck out or corrected, as the voter meant.</translation>
    </message>
    <message>
        <source>无法显示图像：{why}。请对照原票决定。</source>
        <translation>The image cannot be shown: {why}. Decide from the paper.</translation>
    </message>
    <message>
        <source>正在读取背面的图像…</source>
        <translation>Reading the back&apos;s image…</translation>
    </message>
    <message>
        <source>看正面（B）</source>
        <translation>Show front (B)</translation>
    </message>
    <message>
        <source>这张选票的决定已经记录，正等待另一位监票人确认。要改动，请先改标记再记录。</source>
        <translation>This ballot&apos;s decision is recorded and waits for another scrutineer to confirm it. To change it, change a mark first, then record.</translation>
    </message>
    <message>
        <source>请先在“操作员”菜单中填写您的姓名，决定会记下是谁作出的。</source>
        <translation>Enter your name first (Operator menu): each decision records who made it.</translation>
    </message>
    <message>
        <source>还有 {n} 处标记没有决定：{names}。选中该行，按 1 赞成、2 不赞成、3 弃权；确实无法辨认的按 4（该候选人按无有效标记计）。</source>
        <translation>Marks still undecided ({n}): {names}. Select the row and press 1 agree, 2 disagree, 3 abstain; 4 if it really cannot be read (no valid mark for that candidate).</translation>
    </message>
    <message>
        <source>另选他人姓名</source>
        <translation>Write-in name</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>以 {who} 的名义确认</source>
        <translation>Confirm as {who}</translation>
    </message>
    <message>
        <source>这张选票的决定已经确认，已计入。</source>
        <translation>The decision on this sheet is confirmed and counts.</translation>
    </message>
    <message>
        <source>{decider} 决定，{who} 于 {time} 确认：放在一边，不计入。</source>
        <translation>Decided by {decider}, confirmed by {who} at {time}: set aside, not counted.</translation>
    </message>
    <message>
        <source>先由计票人作出决定，再由监票人确认。</source>
        <translation>A counter decides first; then a scrutineer confirms.</translation>
    </message>
    <message>
        <source>（说明：{note}）</source>
        <translation> (note: {note})</translation>
    </message>
    <message>
        <source>{who} 于 {time} 决定：{what}</source>
        <translation>{who} decided at {time}: {what}</translation>
    </message>
    <message>
        <source>您就是作出决定的人：请由另一位监票人点“换人确认…”。</source>
        <translation>You made this decision: another scrutineer confirms it with &apos;Confirm as someone else…&apos;.</translation>
    </message>
    <message>
        <source>撤出计票：不是本轮的一张选票（误录、重复录入或多余的一张），不计</source>
        <translation>Taken out of the count: no ballot of this round (entered by mistake, entered twice, or an extra sheet); it does not count</translation>
    </message>
    <message>
        <source>恢复：按撤出计票之前的情况计</source>
        <translation>Put back: it stands as it did before it was taken out of the count</translation>
    </message>
    <message>
        <source>整张作废（{why}）</source>
        <translation>void sheet ({why})</translation>
    </message>
    <message>
        <source>（方格外有笔迹）</source>
        <translation> (marked outside the box)</translation>
    </message>
    <message>
        <source>（姓名无法辨认）</source>
        <translation>(name illegible)</translation>
    </message>
    <message>
        <source>另选第{n}栏：{who} {mark}</source>
        <translation>write-in {n}: {who} {mark}</translation>
    </message>
    <message>
        <source>   在分团计票机（{station}）上</source>
        <translation>   on the station laptop ({station})</translation>
    </message>
    <message>
        <source>   ✓ {who} · {time} 确认：放在一边，不计入</source>
        <translation>   ✓ {who} · {time} confirmed: set aside, not counted</translation>
    </message>
    <message>
        <source>✓ {who} 已确认 {decider} 的决定：这一张撤出计票，不计入（记录保留，可以恢复）。</source>
        <translation>✓ {who} confirmed {decider}&apos;s decision: this sheet is taken out of the count and does not count (it stays on record and can be put back).</translation>
    </message>
    <message>
        <source>✓ {who} 已确认 {decider} 的决定：这一张已恢复，按撤出前的情况计。</source>
        <translation>✓ {who} confirmed {decider}&apos;s decision: this sheet is put back and stands as it did before it was taken out.</translation>
    </message>
    <message>
        <source>请先选择选举事项。</source>
        <translation>Choose a contest first.</translation>
    </message>
    <message>
        <source>操作员已换回 {name}。</source>
        <translation>The desk is back with {name}.</translation>
    </message>
    <message>
        <source>确认完毕：交还给 {name}</source>
        <translation>Done confirming: hand back to {name}</translation>
    </message>
    <message>
        <source>另选第{n}栏：{who} 即本票候选人，计为其赞成</source>
        <translation>write-in column {n}: {who} is a candidate on this ballot, counted as agreeing to them</translation>
    </message>
    <message>
        <source>✓ 已记录 {who} 对 {sheet} 的决定（重复扫描，不计）。另一位监票人确认后，这一张作为重复扫描放在一边，不计入。</source>
        <translation>✓ {who}&apos;s decision on {sheet} is recorded (a duplicate scan, not counted). Once another scrutineer confirms it, this sheet is set aside as a duplicate scan and not counted.</translation>
    </message>
    <message>
        <source>✓ 已记录 {who} 对 {sheet} 的决定（整张作废）。另一位监票人确认后，按废票计入。</source>
        <translation>✓ {who}&apos;s decision on {sheet} is recorded (void). Once another scrutineer confirms it, it counts as a void ballot.</translation>
    </message>
    <message>
        <source>✓ 已记录 {who} 对 {sheet} 的决定（有效票）。请另一位监票人确认后才计入。</source>
        <translation>✓ {who}&apos;s decision on {sheet} is recorded (valid). It counts once another scrutineer confirms it.</translation>
    </message>
    <message>
        <source>（无姓名）</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>所选多于应选名额，整张作废</source>
        <translation>more chosen than seats: void sheet</translation>
    </message>
    <message>
        <source>按机器读出的计入</source>
        <translation>counted as the machine read it</translation>
    </message>
    <message>
        <source>（说明：{why}）</source>
        <translation> (note: {why})</translation>
    </message>
    <message>
        <source>{n}. {who} · {time} 决定：{what}</source>
        <translation>{n}. {who} · {time} decided: {what}</translation>
    </message>
    <message>
        <source>   ✓ {who} · {time} 确认，已计入</source>
        <translation>   ✓ {who} · {time} confirmed; counted</translation>
    </message>
    <message>
        <source>   已被后来的决定取代</source>
        <translation>   superseded by a later decision</translation>
    </message>
    <message>
        <source>   待监票人确认</source>
        <translation>   awaiting a scrutineer&apos;s confirmation</translation>
    </message>
    <message>
        <source>✓ {who} 已确认 {decider} 的决定：这一张是重复扫描，放在一边，不计入。</source>
        <translation>✓ {who} confirmed {decider}&apos;s decision: this sheet is a duplicate scan, set aside and not counted.</translation>
    </message>
    <message>
        <source>✓ {who} 已确认 {decider} 的决定：这张选票按废票计入。</source>
        <translation>✓ {who} confirmed {decider}&apos;s decision: this ballot counts as void.</translation>
    </message>
    <message>
        <source>✓ {who} 已确认 {decider} 的决定，这张选票已计入。</source>
        <translation>✓ {who} confirmed {decider}&apos;s decision; the sheet counts.</translation>
    </message>
    <message>
        <source>请由作出决定者以外的监票人确认：点“换人确认…”，填写监票人的姓名。</source>
        <translation>A scrutineer other than the one who decided must confirm: press &apos;Confirm as someone else…&apos; and enter their name.</translation>
    </message>
    <message>
        <source>请确认决定的监票人输入账户名和密码</source>
        <translation>Scrutineer confirming: your account name and password</translation>
    </message>
    <message>
        <source>请确认决定的监票人输入姓名</source>
        <translation>Scrutineer confirming: your name</translation>
    </message>
    <message>
        <source>审核决定须由作出决定者以外的监票人确认，确认人的姓名记入审计日志。确认完毕，请点“交还给 {name}”，把操作员换回。</source>
        <translation>A review decision is confirmed by a scrutineer other than the person who made it; the confirming name goes into the audit log. When done, click &quot;hand back to {name}&quot; to give the desk back.</translation>
    </message>
    <message>
        <source>原操作员</source>
        <translation>the previous operator</translation>
    </message>
    <message>
        <source>换人确认</source>
        <translation>Confirm as someone else</translation>
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
        <source>；{n} 人的“有选举权”改变，应到人数随之改变</source>
        <translation>; &apos;has vote&apos; changed for {n} people: the number expected changes with it</translation>
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
        <source>选票将失效</source>
        <translation>Printed ballots will become invalid</translation>
    </message>
    <message>
        <source>导入会改动已印制选票上的候选人姓名：
{names}
已印制的选票将作废（选票校验码改变），必须重新印制。确定要导入吗？</source>
        <translation>The import changes candidates&apos; names on printed ballots:
{names}
The printed ballots become invalid (their check code changes) and must be printed again. Import?</translation>
    </message>
    <message>
        <source>名单没有导入（已印制的选票不变）。</source>
        <translation>The roster was not imported (the printed ballots stay valid).</translation>
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
    <name>ScanPage</name>
    <message>
        <source>已计入</source>
        <translation>Counted</translation>
    </message>
    <message>
        <source>待审核</source>
        <translation>For review</translation>
    </message>
    <message>
        <source>拒收</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>重复</source>
        <translation>Duplicates</translation>
    </message>
    <message>
        <source>重新扫描这张选票。</source>
        <translation>Scan this ballot again.</translation>
    </message>
    <message>
        <source>文件没写完：等扫描软件保存完毕后重新扫描这张选票。</source>
        <translation>The file was not complete: let the scanner software finish saving, then scan this ballot again.</translation>
    </message>
    <message>
        <source>不是扫描图像，可不理会；如是选票，请存为 JPEG、PNG、TIFF 或 PDF 后重扫。</source>
        <translation>Not a scanned image: ignore it; if it is a ballot, save it as JPEG, PNG, TIFF or PDF and scan again.</translation>
    </message>
    <message>
        <source>把扫描设置改为 300 dpi 灰度，重新扫描。</source>
        <translation>Set the scanner to 300 dpi grey and scan again.</translation>
    </message>
    <message>
        <source>请安装 poppler-utils，或让扫描软件存为图像，然后重扫。</source>
        <translation>Install poppler-utils, or let the scanner software save images, then scan again.</translation>
    </message>
    <message>
        <source>选票背面，无需处理。</source>
        <translation>The back of a sheet: nothing to do.</translation>
    </message>
    <message>
        <source>找出这张选票（看文件名和页码），把它正面朝上重新扫描；它没有计入，也不算背面。</source>
        <translation>Find this sheet (by the file name and page) and scan it again face up: it was not counted, nor taken for a back.</translation>
    </message>
    <message>
        <source>看一看原票：是不是本次选举的选票？四角是否完整？放正后重新扫描；仍不行就交监票人手工录入。</source>
        <translation>Look at the paper: is it a ballot of this election, with all four corners? Straighten it and scan again; if that fails, a scrutineer enters it by hand.</translation>
    </message>
    <message>
        <source>扫描设置里关闭“镜像”，重新扫描。</source>
        <translation>Turn off &apos;mirror&apos; in the scanner settings and scan again.</translation>
    </message>
    <message>
        <source>二维码模糊或有污渍：重新扫描；仍不行就交监票人手工录入。</source>
        <translation>The QR code is blurred or stained: scan again; if that fails, a scrutineer enters it by hand.</translation>
    </message>
    <message>
        <source>不是本软件印制的选票：把原票交监票人核查。</source>
        <translation>Not a ballot printed by this software: hand the paper to a scrutineer.</translation>
    </message>
    <message>
        <source>二维码损坏：把原票交监票人核查，必要时手工录入。</source>
        <translation>The QR code is damaged: hand the paper to a scrutineer; enter it by hand if needed.</translation>
    </message>
    <message>
        <source>可能是伪造的选票，或由另一个选举文件印制：立即把原票交总监票人。</source>
        <translation>Possibly forged, or printed from another election file: hand the paper to the chief scrutineer now.</translation>
    </message>
    <message>
        <source>这张选票不属于本选举文件：把原票交监票人核查。</source>
        <translation>This ballot does not belong to this election file: hand the paper to a scrutineer.</translation>
    </message>
    <message>
        <source>选票印制后候选人名单改过，这张票不能计入：交总监票人决定。</source>
        <translation>The candidate list changed after this ballot was printed; it cannot count: the chief scrutineer decides.</translation>
    </message>
    <message>
        <source>样票不计票：收起，不要放回票箱。</source>
        <translation>A sample ballot does not count: put it aside, not back in the box.</translation>
    </message>
    <message>
        <source>这一轮已确认冻结，不能再计入：交总监票人。</source>
        <translation>This round is certified and frozen; the sheet cannot count: hand it to the chief scrutineer.</translation>
    </message>
    <message>
        <source>这一轮已记录为无效：交总监票人。</source>
        <translation>This round is recorded as void: hand the sheet to the chief scrutineer.</translation>
    </message>
    <message>
        <source>这张选票已登记作废：收起，交监票人。</source>
        <translation>This sheet was recorded as spoiled: put it aside and hand it to a scrutineer.</translation>
    </message>
    <message>
        <source>在“审核”中核实这张选票的来历。</source>
        <translation>Check where this ballot came from under &apos;Review&apos;.</translation>
    </message>
    <message>
        <source>同一防伪码出现两次（复印件？）：在“审核”中由监票人核实。</source>
        <translation>The same serial appears twice (a photocopy?): a scrutineer checks it under &apos;Review&apos;.</translation>
    </message>
    <message>
        <source>同一张图像已经扫描过，只计一次，无需处理。</source>
        <translation>The same image was already scanned; it counts once: nothing to do.</translation>
    </message>
    <message>
        <source>重新扫描这一页；仍失败请联系技术支持。</source>
        <translation>Scan this page again; if it still fails, call technical support.</translation>
    </message>
    <message>
        <source>在“审核”中人工决定。</source>
        <translation>A person decides under &apos;Review&apos;.</translation>
    </message>
    <message>
        <source>在“审核”中读出另选他人的姓名。</source>
        <translation>Read the write-in name under &apos;Review&apos;.</translation>
    </message>
    <message>
        <source>在“审核”中由监票人查看字迹；可识别投票人的，整张作废。</source>
        <translation>A scrutineer looks at the writing under &apos;Review&apos;; if it identifies the voter, the whole ballot is void.</translation>
    </message>
    <message>
        <source>把这两张选票分开，一张一张重新扫描。</source>
        <translation>Separate the two ballots and scan them again one at a time.</translation>
    </message>
    <message>
        <source>重复</source>
        <comment>one sheet&apos;s status</comment>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>选票背面</source>
        <translation>Ballot back</translation>
    </message>
    <message>
        <source>背面有字迹：找出这张选票（通常是前一页的扫描），在“审核”中由监票人看两面后决定是否有效。</source>
        <translation>Writing on a back: find its ballot (usually the page scanned before it) in Review; a scrutineer looks at both sides and decides whether it is valid.</translation>
    </message>
    <message>
        <source>背面有字迹：在“审核”中由监票人看两面（背面是紧挨着它的一页扫描）后决定是否有效。</source>
        <translation>Writing on its back: in Review a scrutineer looks at both sides (the back is the page scanned next to it) and decides whether it is valid.</translation>
    </message>
    <message>
        <source>空文件（没有复制完）：从扫描仪的文件夹重新复制，或重新扫描这张选票。</source>
        <translation>An empty file (a copy that did not finish): copy it again from the scanner&apos;s folder, or scan this ballot again.</translation>
    </message>
    <message>
        <source>看不到白纸（文件损坏或扫描仪故障）：打开文件看一看，找到原票重新扫描。</source>
        <translation>No paper to be seen (a damaged file or a scanner fault): open the file, find the paper ballot and scan it again.</translation>
    </message>
    <message>
        <source>把这张选票放正（四角都在扫描范围内）后重新扫描；自动进纸的，检查导纸板是否夹紧。</source>
        <translation>Straighten the sheet (all four corners inside the scan area) and scan it again; in a feeder, check that the paper guides are closed.</translation>
    </message>
    <message>
        <source>检查扫描设置（原始尺寸，不要缩放或裁切），放正后重新扫描。手机拍的照片（斜拍）读不准，请用扫描仪。</source>
        <translation>Check the scanner settings (original size, no scaling or cropping), straighten the sheet and scan again. A phone&apos;s photo (taken at an angle) cannot be read surely: use the scanner.</translation>
    </message>
    <message>
        <source>扫描仪的“文字增强”或自适应黑白模式把黑色方块扫成了空心：改为灰度模式，整批重新扫描。</source>
        <translation>The scanner&apos;s text enhancement or adaptive black-and-white mode turned the black squares hollow: set it to grey and scan the batch again.</translation>
    </message>
    <message>
        <source>在扫描软件里把这批扫描另存为不加密码的 PDF，再读取。</source>
        <translation>Save this batch again from the scanning software as a PDF without a password, then read it.</translation>
    </message>
    <message>
        <source>这是已开启下一轮之前那一轮的选票：收起，交总监票人。</source>
        <translation>A ballot of a round the next round was opened after: set it aside and give it to the chief scrutineer.</translation>
    </message>
    <message>
        <source>扫描仪提前停止或裁掉了一截：检查纸张尺寸设置（A4/A3，不要自动裁切），重新扫描这张选票。</source>
        <translation>The scanner stopped early or cut part of the page off: check the paper size setting (A4/A3, no automatic cropping) and scan this ballot again.</translation>
    </message>
    <message>
        <source>只扫进了选票的一部分（卡纸，或扫描中途停止）：找出这张选票（看文件名和页码），展平后重新扫描；它没有计入，也不算背面。</source>
        <translation>Only part of the ballot was scanned (a jam, or the scan stopped part-way): find the sheet (file name and page), flatten it and scan it again; it was not counted, nor taken for a back.</translation>
    </message>
    <message>
        <source>在“审核”中由监票人看原票下方空白处有无字迹；或重新扫描这张选票。</source>
        <translation>Under Review a scrutineer looks at the blank paper below the table on the ballot for writing; or scan the ballot again.</translation>
    </message>
    <message>
        <source>在“审核”中由监票人看原票被折起或盖住的部分（多在下方或一侧）有无字迹、符号；或把选票展平、单独放好后重新扫描。</source>
        <translation>Under Review a scrutineer looks on the ballot at the part that was folded under or covered (its bottom or a side, mostly) for writing or marks; or unfold the ballot, lay it on the glass on its own and scan it again.</translation>
    </message>
    <message>
        <source>把选票压平后重新扫描；角撕坏的，交监票人手工录入。</source>
        <translation>Flatten the ballot and scan it again; if a corner is torn, a scrutineer enters it by hand.</translation>
    </message>
    <message>
        <source>所选人数多于应选名额：按无效票计入，无需处理。</source>
        <translation>More chosen than seats: counted as a void ballot; nothing to do.</translation>
    </message>
    <message>
        <source>同一防伪码既有手工录入、又有扫描：在“审核”中由监票人核对原票，是同一张纸就只保留一张。</source>
        <translation>This serial was both entered by hand and scanned: in Review a scrutineer checks the paper; if it is the same paper, keep only one.</translation>
    </message>
    <message>
        <source>本机和分团的认定不同：在“审核”中由监票人看原票后重新决定。</source>
        <translation>This laptop and a station settled it differently: in Review a scrutineer looks at the paper and decides again.</translation>
    </message>
    <message>
        <source>这个标签已撤出计票，分团又录入了一次：在“审核”中由监票人核对原票。</source>
        <translation>This label was taken out of the count and the station entered it again: in Review a scrutineer checks the paper.</translation>
    </message>
    <message>
        <source>这一页后来已读取完整，无需处理。</source>
        <translation>The page was read whole later: nothing to do.</translation>
    </message>
    <message>
        <source>腾出磁盘空间或改正图像文件夹的权限，再读取同一文件夹一次；纸质选票无需重扫。</source>
        <translation>Free disk space or fix the images folder&apos;s permissions, then read the same folder again; no need to scan the paper again.</translation>
    </message>
    <message>
        <source>在“审核”中对照原票，按投票人意愿认定这位候选人的符号。</source>
        <translation>On the Review page, look at the paper and set this candidate&apos;s mark as the voter meant it.</translation>
    </message>
    <message>
        <source>在“审核”中对照原票逐个核对符号（很淡的铅笔笔迹应按“看不清”处理）。</source>
        <translation>On Review, check each mark against the paper (treat faint pencil as illegible).</translation>
    </message>
    <message>
        <source>在“审核”中对照原票：投票人划掉或改正了哪一位，按其意愿认定；仍多于应选名额的，整张作废。</source>
        <translation>Under Review, with the paper in hand: whichever candidate the voter struck out or corrected, decide as the voter meant; still over the seats, the whole ballot is void.</translation>
    </message>
    <message>
        <source>把原票交监票人核查。</source>
        <translation>Hand the paper to a scrutineer.</translation>
    </message>
    <message>
        <source>未能识别为本选举的选票：只显示原图。</source>
        <translation>Not recognised as a ballot of this election: the plain image is shown.</translation>
    </message>
    <message>
        <source>重新读取时未能定位选票：只显示原图。</source>
        <translation>The ballot could not be located when read again: the plain image is shown.</translation>
    </message>
    <message>
        <source>背面的图像没有找到：请对照原票的背面决定。</source>
        <translation>The back&apos;s image was not found: decide from the back of the paper ballot.</translation>
    </message>
    <message>
        <source>背面：{file} 第{page}页</source>
        <translation>Back: {file} page {page}</translation>
    </message>
    <message>
        <source> 第{n}页</source>
        <translation> page {n}</translation>
    </message>
    <message>
        <source>刚才</source>
        <translation>just now</translation>
    </message>
    <message>
        <source>扫描选票</source>
        <translation>Scan ballots</translation>
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
        <source>选票图像从哪里来</source>
        <translation>Where the ballot images come from</translation>
    </message>
    <message>
        <source>选择图像文件…</source>
        <translation>Choose image files…</translation>
    </message>
    <message>
        <source>选择文件夹…</source>
        <translation>Choose a folder…</translation>
    </message>
    <message>
        <source>监视文件夹：</source>
        <translation>Watched folder:</translation>
    </message>
    <message>
        <source>（未选择）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>开始监视…</source>
        <translation>Watch a folder…</translation>
    </message>
    <message>
        <source>从扫描仪扫描</source>
        <translation>Scan from the scanner</translation>
    </message>
    <message>
        <source>■ 停止</source>
        <translation>■ Stop</translation>
    </message>
    <message>
        <source>停止读取、监视和扫描仪。已读取的选票都已保存。</source>
        <translation>Stop reading, watching and the scanner. Every sheet read so far is saved.</translation>
    </message>
    <message>
        <source>%v / %m 个文件</source>
        <translation>%v / %m files</translation>
    </message>
    <message>
        <source>手工录入…</source>
        <translation>Enter by hand…</translation>
    </message>
    <message>
        <source>无法扫描的选票（如严重破损）：由两个人对照原票各录入一次，一致后计入</source>
        <translation>A ballot that cannot be scanned (badly torn, say): two people each enter it against the paper; it counts when both agree</translation>
    </message>
    <message>
        <source>撤出计票…</source>
        <translation>Take out of count…</translation>
    </message>
    <message>
        <source>误录的手工录入或不是本轮的选票：由监票人撤出，另一位监票人确认</source>
        <translation>A hand entry made by mistake, or a paper that is no ballot of this round: a scrutineer takes it out, another confirms</translation>
    </message>
    <message>
        <source>每分钟张数</source>
        <translation>Sheets per minute</translation>
    </message>
    <message>
        <source>本次扫描的张数。已扫描过的文件再扫一次不会重复计入。</source>
        <translation>Sheets in this session. Scanning a file again never counts it twice.</translation>
    </message>
    <message>
        <source>最近一张</source>
        <translation>Last sheet</translation>
    </message>
    <message>
        <source>整页</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <source>扫描后，这里显示最近一张选票和机器的识别结果。</source>
        <translation>After scanning, the last sheet and what the machine read are shown here.</translation>
    </message>
    <message>
        <source>候选人和另选他人栏，放大显示</source>
        <translation>Candidates and write-in columns, enlarged</translation>
    </message>
    <message>
        <source>框的颜色：绿 = 赞成（○），红 = 不赞成（×），灰 = 弃权，橙 = 看不清，须人工审核。</source>
        <translation>Box colours: green = agree (○), red = disagree (×), grey = abstain, orange = unclear, a person decides.</translation>
    </message>
    <message>
        <source>拒收和重复的选票</source>
        <translation>Rejected and duplicate sheets</translation>
    </message>
    <message>
        <source>选中一行（点击，或用 ↑ ↓ 键）可在左边查看这张图像。拒收的选票不计入，请按“怎么办”处理原票。</source>
        <translation>Select a row (click it, or use the ↑ ↓ keys) to see its image on the left. Rejected sheets do not count: deal with the paper as &apos;What to do&apos; says.</translation>
    </message>
    <message>
        <source>拒收、重复的选票和选票背面（拒收 {x}，重复 {d}，背面 {b}）</source>
        <translation>Rejected and duplicate sheets, ballot backs (rejected: {x}, duplicates: {d}, backs: {b})</translation>
    </message>
    <message>
        <source>拒收和重复的选票（拒收 {x}，重复 {d}）</source>
        <translation>Rejected and duplicate sheets (rejected: {x}, duplicates: {d})</translation>
    </message>
    <message>
        <source>没有拒收或重复的选票。</source>
        <translation>No rejected or duplicate sheet.</translation>
    </message>
    <message>
        <source>把扫描仪的亮度调低（或对比度调高），重新扫描这张选票；选票本身印得太淡、仍读不出的，交监票人手工录入。</source>
        <translation>Set the scanner&apos;s brightness lower (or its contrast higher) and scan this sheet again; a ballot printed too faintly that still cannot be read is entered by hand by the scrutineers.</translation>
    </message>
    <message>
        <source>这一页的图像没有保存。</source>
        <translation>This page&apos;s image was not kept.</translation>
    </message>
    <message>
        <source>找不到图像文件夹 {folder}（或无法读取）：选举文件旁边应有这个文件夹。复制选举文件时，请把它一起复制，放在选举文件旁边。</source>
        <translation>The images folder {folder} is missing (or cannot be read): it belongs beside the election file. When you copy the election file, copy this folder with it and put it beside the file.</translation>
    </message>
    <message>
        <source>图像文件夹 {folder} 中没有这一页的图像（{image}），或无法读取：请从原来的计票机把整个文件夹复制过来，放在选举文件旁边。</source>
        <translation>This page&apos;s image ({image}) is not in the images folder {folder}, or cannot be read: copy the whole folder over from the laptop it came from and put it beside the election file.</translation>
    </message>
    <message>
        <source>还没有可以扫描的选票</source>
        <translation>No ballots to scan yet</translation>
    </message>
    <message>
        <source>先在“选举事项和候选人”中添加候选人，再在“选票”中印制选票。</source>
        <translation>Add candidates under &apos;Contests and candidates&apos;, then print ballots under &apos;Ballots&apos;.</translation>
    </message>
    <message>
        <source>去印制选票</source>
        <translation>Print ballots</translation>
    </message>
    <message>
        <source>第 {n} 轮</source>
        <translation>Round {n}</translation>
    </message>
    <message>
        <source>（已确认）</source>
        <translation> (certified)</translation>
    </message>
    <message>
        <source>（无效）</source>
        <translation> (void)</translation>
    </message>
    <message>
        <source>本轮已存：计入 {c} 张，待审核 {r} 张</source>
        <translation>Stored for this round: {c} counted, {r} for review</translation>
    </message>
    <message>
        <source>本轮已确认冻结，不能再计入选票。</source>
        <translation>This round is certified and frozen: no more sheets can count.</translation>
    </message>
    <message>
        <source>停止监视</source>
        <translation>Stop watching</translation>
    </message>
    <message>
        <source>正在监视文件夹：扫描软件存入的每张图像写完后会自动读取。</source>
        <translation>Watching the folder: each image the scanner software saves is read once it is complete.</translation>
    </message>
    <message>
        <source>没有找到 SANE 扫描程序（scanimage）：请用扫描仪自带的软件把图像存入监视文件夹。Linux 上安装 sane-utils 后可在这里直接扫描。</source>
        <translation>SANE (scanimage) was not found: let the scanner&apos;s own software save the images into the watched folder. On Linux, install sane-utils to scan from here directly.</translation>
    </message>
    <message>
        <source>扫描仪正在进纸…</source>
        <translation>The scanner is feeding…</translation>
    </message>
    <message>
        <source>选择扫描的选票图像</source>
        <translation>Choose scanned ballot images</translation>
    </message>
    <message>
        <source>扫描图像 (*.jpg *.jpeg *.jfif *.png *.tif *.tiff *.bmp *.webp *.pdf);;所有文件 (*)</source>
        <translation>Scanned images (*.jpg *.jpeg *.jfif *.png *.tif *.tiff *.bmp *.webp *.pdf);;All files (*)</translation>
    </message>
    <message>
        <source>选择存放扫描图像的文件夹</source>
        <translation>Choose the folder holding the scanned images</translation>
    </message>
    <message>
        <source>选择扫描软件保存图像的文件夹</source>
        <translation>Choose the folder the scanner software saves into</translation>
    </message>
    <message>
        <source>找不到文件夹 {path}：请检查路径，或重新选择。</source>
        <translation>Folder {path} not found: check the path or choose again.</translation>
    </message>
    <message>
        <source>正在查找扫描仪（可能需要几秒钟）…</source>
        <translation>Looking for the scanner (this may take a few seconds)…</translation>
    </message>
    <message>
        <source>没有找到扫描仪：请检查扫描仪的电源和数据线，然后再点“从扫描仪扫描”。也可以用扫描仪自带的软件把图像存入监视文件夹。</source>
        <translation>No scanner found: check its power and cable, then press &apos;Scan from the scanner&apos; again. Or let the scanner&apos;s own software save the images into the watched folder.</translation>
    </message>
    <message>
        <source>扫描仪：{name}。放入选票后开始进纸；每扫完一张就自动读取。</source>
        <translation>Scanner: {name}. Load the ballots to start feeding; each sheet is read as soon as it is scanned.</translation>
    </message>
    <message>
        <source>扫描仪已停止进纸。正在读取最后几张…</source>
        <translation>The scanner stopped feeding. Reading the last sheets…</translation>
    </message>
    <message>
        <source>扫描仪出错停止（{detail}）：检查是否卡纸、进纸器是否放好，然后再点“从扫描仪扫描”。已经扫描的选票都已保存。</source>
        <translation>The scanner stopped with an error ({detail}): check for a paper jam and the feeder, then press &apos;Scan from the scanner&apos; again. Every sheet scanned so far is saved.</translation>
    </message>
    <message>
        <source>已停止。已读取的 {n} 页都已保存；再次扫描同一批文件时，已保存的选票不会重复计入。</source>
        <translation>Stopped. The {n} pages read are saved; scanning the same files again never counts a saved sheet twice.</translation>
    </message>
    <message>
        <source>扫描完成：{files} 个文件，计入 {c} 张，待审核 {r} 张，拒收 {x} 张，重复 {d} 张。</source>
        <translation>Scan finished: {files} files; {c} counted, {r} for review, {x} rejected, {d} duplicates.</translation>
    </message>
    <message>
        <source>扫描完成：{files} 个文件。其中 {n} 页以前已经扫描过，没有重复计入；新读入的：计入 {c} 张，待审核 {r} 张，拒收 {x} 张，重复 {d} 张。</source>
        <translation>Scan finished: {files} file(s). {n} page(s) had been scanned before and were not counted again; newly read: {c} counted, {r} for review, {x} rejected, {d} duplicate.</translation>
    </message>
    <message>
        <source>{path}：{why}。</source>
        <translation>{path}: {why}.</translation>
    </message>
    <message>
        <source>另有选票背面 {b} 页（不是选票，不计张数）。</source>
        <translation>Also {b} ballot back(s): pages that are no ballot, not counted as sheets.</translation>
    </message>
    <message>
        <source>请到“审核”处理待审核的选票。</source>
        <translation>Deal with the held sheets under &apos;Review&apos;.</translation>
    </message>
    <message>
        <source>扫描没有完成：{why}</source>
        <translation>The scan did not finish: {why}</translation>
    </message>
    <message>
        <source>注意：已有 {n} 张选票属于“{title}”第 {round} 轮，不是上面选择的事项。它们已按选票上的二维码计入所属事项；请检查票箱是否混放。</source>
        <translation>Note: {n} sheets belong to &apos;{title}&apos; round {round}, not to the contest chosen above. They were counted for their own contest (from their QR code); check that ballot boxes were not mixed.</translation>
    </message>
    <message>
        <source>本次扫描的张数。另有 {n} 页以前已扫描过，没有重复计入。</source>
        <translation>Sheets in this session. {n} more pages had been scanned before and were not counted again.</translation>
    </message>
    <message>
        <source>{contest} 第 {n} 轮</source>
        <translation>{contest} round {n}</translation>
    </message>
    <message>
        <source>防伪码 {s}</source>
        <translation>serial {s}</translation>
    </message>
    <message>
        <source>无法显示这张图像（{error}）。</source>
        <translation>This image cannot be shown ({error}).</translation>
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
    <name>WithdrawDialog</name>
    <message>
        <source>撤出计票</source>
        <translation>Take out of the count</translation>
    </message>
    <message>
        <source>{title} · 第 {n} 轮</source>
        <translation>{title} · round {n}</translation>
    </message>
    <message>
        <source>误录的手工录入（标签打错、已在另一个标签下录入、已经扫描），或不是本轮的一张选票，由一位监票人写明理由提出撤出，另一位监票人确认后生效：不计有效票、无效票，也不算收回的一张。记录保留，印在计票结果上，可以恢复。</source>
        <translation>A hand entry made by mistake (label mistyped, entered under another label, or also scanned), or a paper that is no ballot of this round: a scrutineer proposes taking it out with the reason, and it is in effect once another scrutineer confirms — then it counts neither as a valid nor a void ballot, nor as a sheet against those collected. It stays on record, is printed with the result, and can be put back.</translation>
    </message>
    <message>
        <source>换人确认…</source>
        <translation>Confirm as someone else…</translation>
    </message>
    <message>
        <source>由另一位监票人登录，确认所选的撤出或恢复</source>
        <translation>Another scrutineer takes the desk and confirms the taking out (or putting back) chosen</translation>
    </message>
    <message>
        <source>手工录入的选票（按标签）</source>
        <translation>Hand-entered ballot (by label)</translation>
    </message>
    <message>
        <source>扫描的选票</source>
        <translation>Scanned sheet</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>录入人</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <source>情况</source>
        <translation>State</translation>
    </message>
    <message>
        <source>本轮还没有手工录入的选票。</source>
        <translation>No ballot of this round has been entered by hand.</translation>
    </message>
    <message>
        <source>原票上印的防伪码，或“审核”中的选票记录编号</source>
        <translation>Serial printed on the paper, or the sheet id shown under Review</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>必填，如：标签打错，已按 A-02 录入；已扫描，重复录入；多出的一张</source>
        <translation>Required, e.g.: label mistyped, entered as A-02; also scanned, entered twice; an extra sheet</translation>
    </message>
    <message>
        <source>提出撤出</source>
        <translation>Propose taking out</translation>
    </message>
    <message>
        <source>确认撤出或恢复</source>
        <translation>Confirm taking out / putting back</translation>
    </message>
    <message>
        <source>确认另一位监票人提出的撤出（或恢复）：须由提出者以外的监票人确认</source>
        <translation>Confirm a taking out (or putting back) another scrutineer proposed: someone other than the proposer confirms</translation>
    </message>
    <message>
        <source>恢复…</source>
        <translation>Put back…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>操作的监票人：{who}</source>
        <translation>Scrutineer at the desk: {who}</translation>
    </message>
    <message>
        <source>{label}：{state}</source>
        <translation>{label}: {state}</translation>
    </message>
    <message>
        <source>请在上面的列表中选一张手工录入的选票。</source>
        <translation>Choose a hand-entered ballot in the list above.</translation>
    </message>
    <message>
        <source>请写明原票上印的防伪码，或选票记录的编号。</source>
        <translation>Give the serial printed on the paper, or the sheet&apos;s id.</translation>
    </message>
    <message>
        <source>请先在“操作员”菜单中填写您的姓名。</source>
        <translation>Enter your name first (Operator menu).</translation>
    </message>
    <message>
        <source>请由另一位监票人点“换人确认…”，以自己的名义确认。</source>
        <translation>Another scrutineer clicks &quot;Confirm as someone else…&quot; and confirms under their own name.</translation>
    </message>
    <message>
        <source>手工录入 {label}</source>
        <translation>Hand entry {label}</translation>
    </message>
    <message>
        <source>选票 {sheet}</source>
        <translation>Sheet {sheet}</translation>
    </message>
    <message>
        <source>✓ {what}：{who} 已提出撤出计票（{why}），须由另一位监票人确认后生效（点“换人确认…”）。</source>
        <translation>✓ {what}: {who} proposed taking it out of the count ({why}); in effect once another scrutineer confirms it (&quot;Confirm as someone else…&quot;).</translation>
    </message>
    <message>
        <source>✓ {what}：{who} 已提出恢复，须由另一位监票人确认后生效（点“换人确认…”）。</source>
        <translation>✓ {what}: {who} proposed putting it back; in effect once another scrutineer confirms it (&quot;Confirm as someone else…&quot;).</translation>
    </message>
    <message>
        <source>✓ {what}：已撤出计票（{a} 提出，{b} 确认）。不计有效票、无效票，也不算收回的一张；记录保留，可以恢复。</source>
        <translation>✓ {what}: taken out of the count (proposed by {a}, confirmed by {b}). It counts neither as a valid nor a void ballot, nor as a sheet against those collected; it stays on record and can be put back.</translation>
    </message>
    <message>
        <source>✓ {what}：已恢复。它的第二次录入已由分团交来，选票 {sheet} 待审核。</source>
        <translation>✓ {what}: put back. Its second entry came from its station: sheet {sheet} is held for review.</translation>
    </message>
    <message>
        <source>✓ {what}：已恢复，按撤出前的情况计。</source>
        <translation>✓ {what}: put back; it stands as it did before it was taken out.</translation>
    </message>
    <message>
        <source>✓ {what}：已恢复，重新等待第二人录入（本轮在它录入或再次撤出之前不能确认）。</source>
        <translation>✓ {what}: put back; it awaits its second entry again (the round cannot be certified until it is entered or taken out again).</translation>
    </message>
    <message>
        <source>请写明撤出的理由。</source>
        <translation>Give the reason for taking it out.</translation>
    </message>
    <message>
        <source>请在“理由”一栏写明恢复的理由。</source>
        <translation>Write in “Reason” why it is put back.</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Put back</translation>
    </message>
    <message>
        <source>把所选的选票恢复计票（撤出有误）？理由写在“理由”一栏。</source>
        <translation>Put the chosen paper back into the count (taking it out was a mistake)? The reason goes in the Reason field.</translation>
    </message>
    <message>
        <source>请确认的监票人输入账户名和密码</source>
        <translation>Confirming scrutineer: enter your account name and password</translation>
    </message>
    <message>
        <source>请确认的监票人输入姓名</source>
        <translation>Confirming scrutineer: enter your name</translation>
    </message>
    <message>
        <source>撤出计票须由提出者以外的监票人确认，确认人的姓名记入审计日志。确认完毕，请在“操作员”菜单中换回原操作员。</source>
        <translation>Taking a paper out of the count is confirmed by a scrutineer other than the one who proposed it; who confirms is recorded in the audit log. When done, switch back to the previous operator in the Operator menu.</translation>
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
        <source>数字摘要</source>
        <translation>digest</translation>
    </message>
    <message>
        <source>经手人</source>
        <translation>by</translation>
    </message>
    <message>
        <source>决定人</source>
        <translation>decided by</translation>
    </message>
    <message>
        <source>决定</source>
        <translation>decided</translation>
    </message>
    <message>
        <source>机器读数</source>
        <translation>machine read</translation>
    </message>
    <message>
        <source>决定编号</source>
        <translation>decision no.</translation>
    </message>
    <message>
        <source>选票</source>
        <translation>sheet</translation>
    </message>
    <message>
        <source>票箱</source>
        <translation>box</translation>
    </message>
    <message>
        <source>发出</source>
        <translation>issued</translation>
    </message>
    <message>
        <source>收回</source>
        <translation>collected</translation>
    </message>
    <message>
        <source>计票机</source>
        <translation>station</translation>
    </message>
    <message>
        <source>当选</source>
        <translation>elected</translation>
    </message>
    <message>
        <source>标记</source>
        <translation>marks</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>valid</translation>
    </message>
    <message>
        <source>另选他人</source>
        <translation>write-ins</translation>
    </message>
    <message>
        <source>姓名无法辨认</source>
        <translation>name illegible</translation>
    </message>
    <message>
        <source>其余按机器读数</source>
        <translation>rest as the machine read</translation>
    </message>
    <message>
        <source>应到</source>
        <translation>expected</translation>
    </message>
    <message>
        <source>实到</source>
        <translation>present</translation>
    </message>
    <message>
        <source>各单位</source>
        <translation>by unit</translation>
    </message>
    <message>
        <source>变更</source>
        <translation>change</translation>
    </message>
    <message>
        <source>报告单</source>
        <translation>papers</translation>
    </message>
    <message>
        <source>印制批次</source>
        <translation>print run</translation>
    </message>
    <message>
        <source>防伪码摘要</source>
        <translation>serials digest</translation>
    </message>
    <message>
        <source>选票背面</source>
        <translation>ballot backs</translation>
    </message>
    <message>
        <source>因此转待审核</source>
        <translation>held for review by it</translation>
    </message>
    <message>
        <source>原文件保留为</source>
        <translation>previous file kept as</translation>
    </message>
    <message>
        <source>页数</source>
        <translation>pages</translation>
    </message>
    <message>
        <source>各类张数</source>
        <translation>counts</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>label</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>kind</translation>
    </message>
    <message>
        <source>重复于</source>
        <translation>duplicate of</translation>
    </message>
    <message>
        <source>撤销的确认</source>
        <translation>certifications undone</translation>
    </message>
    <message>
        <source>作废理由</source>
        <translation>void reason</translation>
    </message>
    <message>
        <source>定义指纹</source>
        <translation>fingerprint</translation>
    </message>
    <message>
        <source>纸张</source>
        <translation>paper</translation>
    </message>
    <message>
        <source>计入</source>
        <translation>counted</translation>
    </message>
    <message>
        <source>待审核</source>
        <translation>review</translation>
    </message>
    <message>
        <source>拒收</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>重复</source>
        <translation>duplicate</translation>
    </message>
    <message>
        <source>声明计票完毕的轮次</source>
        <translation>rounds stated finished (--done)</translation>
    </message>
    <message>
        <source>本机记录的、已不在文件中的</source>
        <translation>recorded here, no longer in the file</translation>
    </message>
    <message>
        <source>手工录入</source>
        <translation>hand entries</translation>
    </message>
    <message>
        <source>票箱张数</source>
        <translation>box counts</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>status</translation>
    </message>
    <message>
        <source>原状态</source>
        <translation>was</translation>
    </message>
    <message>
        <source>暂定</source>
        <translation>provisional</translation>
    </message>
    <message>
        <source>最终</source>
        <translation>final</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>certified</translation>
    </message>
    <message>
        <source>无效</source>
        <translation>void</translation>
    </message>
    <message>
        <source>已计入</source>
        <translation>counted</translation>
    </message>
    <message>
        <source>已撤出计票</source>
        <translation>taken out of the count</translation>
    </message>
    <message>
        <source>本机（主计票机）</source>
        <translation>this laptop (main)</translation>
    </message>
    <message>
        <source>计票结果报告单</source>
        <translation>tally sheet</translation>
    </message>
    <message>
        <source>当选名单</source>
        <translation>list of those elected</translation>
    </message>
    <message>
        <source>按机器读数</source>
        <translation>as the machine read it</translation>
    </message>
    <message>
        <source>重复扫描</source>
        <translation>another scan of the same paper</translation>
    </message>
    <message>
        <source>扫描</source>
        <translation>scan</translation>
    </message>
    <message>
        <source>自动</source>
        <translation>automatic</translation>
    </message>
    <message>
        <source>总监票人</source>
        <translation>chief scrutineer</translation>
    </message>
    <message>
        <source>监票人</source>
        <translation>scrutineer</translation>
    </message>
    <message>
        <source>计票人</source>
        <translation>counter</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>removed</translation>
    </message>
    <message>
        <source>更改密码</source>
        <translation>password changed</translation>
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
        <source>修改还没有保存</source>
        <translation>Changes not saved</translation>
    </message>
    <message>
        <source>{what}还没有保存。放弃这些修改？</source>
        <translation>{what}: not saved yet. Drop these changes?</translation>
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
    <message>
        <source>报告单和确认</source>
        <translation>Papers and certification</translation>
    </message>
    <message>
        <source>发出和收回</source>
        <translation>Issued and collected</translation>
    </message>
    <message>
        <source>计票结果</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>扫描选票</source>
        <translation>Scan ballots</translation>
    </message>
</context>
</TS>
