<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About smtp-gui</source>
        <translation>关于 smtp-gui</translation>
    </message>
    <message>
        <source>A troubleshooter for SMTP errors: bounces, reply codes, AUTH exchanges, blocklists and DNS.</source>
        <translation>SMTP 错误排查工具：退信、回复码、认证交互、黑名单与 DNS。</translation>
    </message>
    <message>
        <source>Project website</source>
        <translation>项目网站</translation>
    </message>
    <message>
        <source>&amp;Software in this app and the licence of each:</source>
        <translation>本程序包含的软件及各自的许可证(&amp;S)：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Software and licences</source>
        <translation>软件与许可证</translation>
    </message>
    <message>
        <source>Licence text</source>
        <translation>许可证文本</translation>
    </message>
    <message>
        <source>No licence text ships with this component.</source>
        <translation>此组件未附带许可证文本。</translation>
    </message>
</context>
<context>
    <name>AdviceButtons</name>
    <message>
        <source>Next steps</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Explain %1</source>
        <translation>解释 %1</translation>
    </message>
    <message>
        <source>Compare %1 with %2</source>
        <translation>比较 %1 和 %2</translation>
    </message>
    <message>
        <source>Decode the AUTH exchange</source>
        <translation>解码认证交互</translation>
    </message>
    <message>
        <source>Check blocklists</source>
        <translation>检查黑名单</translation>
    </message>
    <message>
        <source>Check the domain</source>
        <translation>检查域名</translation>
    </message>
    <message>
        <source>Open the delisting page</source>
        <translation>打开申请移除页面</translation>
    </message>
</context>
<context>
    <name>AuthBadges</name>
    <message>
        <source>trusted</source>
        <translation>可信</translation>
    </message>
    <message>
        <source>not trusted (added before the receiver)</source>
        <translation>不可信（在接收方之前添加）</translation>
    </message>
    <message>
        <source>re-checked here</source>
        <translation>本机重新检查</translation>
    </message>
    <message>
        <source>No authentication results.</source>
        <translation>没有认证结果。</translation>
    </message>
</context>
<context>
    <name>AuthEncoderPane</name>
    <message>
        <source>Build an answer</source>
        <translation>构造应答</translation>
    </message>
    <message>
        <source>LOGIN: user name and password, one answer each</source>
        <translation>LOGIN：用户名和密码，各自一条应答</translation>
    </message>
    <message>
        <source>PLAIN: authorization identity, user name, password</source>
        <translation>PLAIN：授权身份、用户名、密码</translation>
    </message>
    <message>
        <source>XOAUTH2: user and OAuth access token</source>
        <translation>XOAUTH2：用户和 OAuth 访问令牌</translation>
    </message>
    <message>
        <source>Text to Base64</source>
        <translation>文本转 Base64</translation>
    </message>
    <message>
        <source>Base64 to text</source>
        <translation>Base64 转文本</translation>
    </message>
    <message>
        <source>What to build</source>
        <translation>要构造的内容</translation>
    </message>
    <message>
        <source>Bu&amp;ild:</source>
        <translation>构造(&amp;I)：</translation>
    </message>
    <message>
        <source>Authori&amp;zation identity (optional):</source>
        <translation>授权身份（可选）(&amp;Z)：</translation>
    </message>
    <message>
        <source>Authorization identity</source>
        <translation>授权身份</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>文本(&amp;X)：</translation>
    </message>
    <message>
        <source>Text to convert</source>
        <translation>要转换的文本</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the first answer</source>
        <translation>复制第一条应答</translation>
    </message>
    <message>
        <source>Copy the second answer</source>
        <translation>复制第二条应答</translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation>访问令牌(&amp;T)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Answer to Username:</source>
        <translation>对“Username:”的应答：</translation>
    </message>
    <message>
        <source>PLAIN answer:</source>
        <translation>PLAIN 应答：</translation>
    </message>
    <message>
        <source>XOAUTH2 answer:</source>
        <translation>XOAUTH2 应答：</translation>
    </message>
    <message>
        <source>Base64:</source>
        <translation>Base64：</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>文本：</translation>
    </message>
    <message>
        <source>Answer to Password:</source>
        <translation>对“Password:”的应答：</translation>
    </message>
    <message>
        <source>Not text: shown as hexadecimal bytes.</source>
        <translation>不是文本：以十六进制字节显示。</translation>
    </message>
</context>
<context>
    <name>CheckDetailsView</name>
    <message>
        <source>Details of the selected result</source>
        <translation>所选结果的详情</translation>
    </message>
    <message>
        <source>Select a row to see everything about it.</source>
        <translation>选择一行以查看全部详情。</translation>
    </message>
</context>
<context>
    <name>CheckKinds</name>
    <message>
        <source>Blocklists (DNSBL)</source>
        <translation>黑名单（DNSBL）</translation>
    </message>
    <message>
        <source>IP address, domain or e-mail address, e.g. 192.0.2.1</source>
        <translation>IP 地址、域名或邮箱地址，例如 192.0.2.1</translation>
    </message>
    <message>
        <source>Lists: the shipped ones, or e.g. zen.spamhaus.org,bl.spamcop.net</source>
        <translation>名单：默认使用内置名单，也可填写如 zen.spamhaus.org,bl.spamcop.net</translation>
    </message>
    <message>
        <source>Sending IP</source>
        <translation>发信 IP</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>发件人</translation>
    </message>
    <message>
        <source>DKIM selectors</source>
        <translation>DKIM 选择器</translation>
    </message>
    <message>
        <source>Domain records (MX, SPF, DMARC, …)</source>
        <translation>域名记录（MX、SPF、DMARC 等）</translation>
    </message>
    <message>
        <source>Domain or e-mail address, e.g. example.com</source>
        <translation>域名或邮箱地址，例如 example.com</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>Resolver</source>
        <translation>解析器</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>检查对象</translation>
    </message>
</context>
<context>
    <name>CheckResultsModel</name>
    <message>
        <source>List / check</source>
        <translation>名单／检查项</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>Resolver</source>
        <translation>解析器</translation>
    </message>
</context>
<context>
    <name>ChecksPane</name>
    <message>
        <source>Checks running: %1</source>
        <translation>正在运行的检查：%1</translation>
    </message>
    <message>
        <source>Kind of check</source>
        <translation>检查类型</translation>
    </message>
    <message>
        <source>What to check</source>
        <translation>要检查的对象</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Run the checks</source>
        <translation>运行检查</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the checks still running</source>
        <translation>取消仍在进行的检查</translation>
    </message>
    <message>
        <source>&amp;Nameservers:</source>
        <translation>域名服务器(&amp;N)：</translation>
    </message>
    <message>
        <source>system resolver, or e.g. 192.0.2.53, [::1]:5353</source>
        <translation>系统解析器，或如 192.0.2.53、[::1]:5353</translation>
    </message>
    <message>
        <source>Nameservers to ask</source>
        <translation>要查询的域名服务器</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>超时(&amp;T)：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Timeout per query in seconds</source>
        <translation>每次查询的超时秒数</translation>
    </message>
    <message>
        <source>&amp;Lists:</source>
        <translation>名单(&amp;L)：</translation>
    </message>
    <message>
        <source>Lists to query instead of the shipped ones</source>
        <translation>代替内置名单要查询的名单</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Answers received</source>
        <translation>已收到的回答</translation>
    </message>
    <message>
        <source>Check results</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Copy s&amp;ummary</source>
        <translation>复制概要(&amp;U)</translation>
    </message>
    <message>
        <source>Copy the summary line</source>
        <translation>复制概要行</translation>
    </message>
</context>
<context>
    <name>CodePane</name>
    <message>
        <source>Search: 554, 5.7.1, relay, blacklist, 认证, 拒绝 …</source>
        <translation>搜索：554、5.7.1、中继、黑名单、认证、拒绝……</translation>
    </message>
    <message>
        <source>Search reply codes</source>
        <translation>搜索回复码</translation>
    </message>
    <message>
        <source>Filter by class</source>
        <translation>按类别筛选</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>Reply codes</source>
        <translation>回复码</translation>
    </message>
    <message>
        <source>Code details</source>
        <translation>代码详情</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy this page as text</source>
        <translation>以文本复制此页</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>比较…</translation>
    </message>
    <message>
        <source>Compare this code with another</source>
        <translation>将此代码与另一个比较</translation>
    </message>
    <message>
        <source>No code matches</source>
        <translation>没有匹配的代码</translation>
    </message>
    <message>
        <source>Nothing in the catalogue matches “%1”. Try a number such as 550, an enhanced code such as 5.7.1, or a word such as relay.</source>
        <translation>目录中没有与“%1”匹配的内容。请尝试数字（如 550）、增强状态码（如 5.7.1）或关键词（如“中继”）。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Codes shown: %1</source>
        <translation>显示的代码：%1</translation>
    </message>
</context>
<context>
    <name>ComparePane</name>
    <message>
        <source>Codes</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>F&amp;irst code:</source>
        <translation>第一个代码(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Second code:</source>
        <translation>第二个代码(&amp;S)：</translation>
    </message>
    <message>
        <source>First code to compare</source>
        <translation>要比较的第一个代码</translation>
    </message>
    <message>
        <source>Second code to compare</source>
        <translation>要比较的第二个代码</translation>
    </message>
    <message>
        <source>e.g. 334</source>
        <translation>例如 334</translation>
    </message>
    <message>
        <source>e.g. 554 5.7.1</source>
        <translation>例如 554 5.7.1</translation>
    </message>
    <message>
        <source>⇄ Swap</source>
        <translation>⇄ 交换</translation>
    </message>
    <message>
        <source>Swap the two codes</source>
        <translation>交换两个代码</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>比较结果</translation>
    </message>
    <message>
        <source>Why the codes are not compared</source>
        <translation>未比较这两个代码的原因</translation>
    </message>
    <message>
        <source>Type a whole code, e.g. 554 or 5.7.1</source>
        <translation>请输入完整的代码，例如 554 或 5.7.1</translation>
    </message>
    <message>
        <source>Copy as text</source>
        <translation>复制为文本</translation>
    </message>
    <message>
        <source>Copy the comparison as plain text</source>
        <translation>将比较结果复制为纯文本</translation>
    </message>
    <message>
        <source>Copy as Markdown</source>
        <translation>复制为 Markdown</translation>
    </message>
    <message>
        <source>Copy the comparison as Markdown</source>
        <translation>将比较结果复制为 Markdown</translation>
    </message>
    <message>
        <source>Cannot compare</source>
        <translation>无法比较</translation>
    </message>
</context>
<context>
    <name>DecoderPane</name>
    <message>
        <source>Decoding…</source>
        <translation>正在解码…</translation>
    </message>
    <message>
        <source>&amp;Paste a server line (334 …), Base64, or a whole AUTH exchange:</source>
        <translation>粘贴服务器的一行（334 …）、一段 Base64 或一次完整的认证交互(&amp;P)：</translation>
    </message>
    <message>
        <source>334 VXNlcm5hbWU6

or a transcript with S:/C:, &lt;&lt;&lt;/&gt;&gt;&gt;, swaks -&gt; / &lt;- markers, or none</source>
        <translation>334 VXNlcm5hbWU6

或一段带 S:/C:、&lt;&lt;&lt;/&gt;&gt;&gt;、swaks -&gt; / &lt;- 标记（或不带标记）的交互记录</translation>
    </message>
    <message>
        <source>AUTH text to decode</source>
        <translation>要解码的 AUTH 文本</translation>
    </message>
    <message>
        <source>Decoded AUTH steps</source>
        <translation>解码后的 AUTH 步骤</translation>
    </message>
    <message>
        <source>AUTH steps: step, who, raw, decoded, meaning</source>
        <translation>AUTH 步骤：步骤、发送方、原文、解码、含义</translation>
    </message>
    <message>
        <source>&amp;Show passwords and tokens</source>
        <translation>显示密码和令牌(&amp;S)</translation>
    </message>
    <message>
        <source>Show passwords and tokens</source>
        <translation>显示密码和令牌</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>Clear the input and forget the secrets</source>
        <translation>清除输入并忘掉其中的机密信息</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <source>Copy the report, secrets masked</source>
        <translation>复制报告（机密信息已隐藏）</translation>
    </message>
    <message>
        <source>Open the final reply in the code catalogue</source>
        <translation>在代码目录中打开最终回复</translation>
    </message>
    <message>
        <source>Check the CRAM-MD5 digest with a passwo&amp;rd:</source>
        <translation>用密码核对 CRAM-MD5 摘要(&amp;R)：</translation>
    </message>
    <message>
        <source>Password to check the CRAM-MD5 digest</source>
        <translation>用于核对 CRAM-MD5 摘要的密码</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核对</translation>
    </message>
    <message>
        <source>Check the CRAM-MD5 digest</source>
        <translation>核对 CRAM-MD5 摘要</translation>
    </message>
    <message>
        <source>Decoding failed unexpectedly.</source>
        <translation>解码意外失败。</translation>
    </message>
    <message>
        <source>✔ The digest matches this password.</source>
        <translation>✔ 摘要与此密码相符。</translation>
    </message>
    <message>
        <source>✘ The digest does not match this password.</source>
        <translation>✘ 摘要与此密码不符。</translation>
    </message>
    <message>
        <source>Final reply %1 — explain ›</source>
        <translation>最终回复 %1 — 查看说明 ›</translation>
    </message>
</context>
<context>
    <name>DiagnosePane</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>&amp;Paste a bounce, an NDR, a DSN or an SMTP transcript, or drop a file:</source>
        <translation>粘贴退信、NDR、DSN 或 SMTP 会话记录，或拖入文件(&amp;P)：</translation>
    </message>
    <message>
        <source>550-5.7.26 This mail is unauthenticated…

or a whole .eml, a Postfix or Exim bounce, a Microsoft 365 NDR, or S:/C: lines</source>
        <translation>550-5.7.26 This mail is unauthenticated…

或整封 .eml、Postfix 或 Exim 退信、Microsoft 365 NDR，或 S:/C: 会话行</translation>
    </message>
    <message>
        <source>Bounce or transcript to diagnose</source>
        <translation>要诊断的退信或会话记录</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open an .eml or text file</source>
        <translation>打开 .eml 或文本文件</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Paste from the clipboard</source>
        <translation>从剪贴板粘贴</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>Clear the input</source>
        <translation>清除输入</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>诊断结果</translation>
    </message>
    <message>
        <source>Copy diagnosis</source>
        <translation>复制诊断结果</translation>
    </message>
    <message>
        <source>Copy the diagnosis as text</source>
        <translation>以文本形式复制诊断结果</translation>
    </message>
    <message>
        <source>Next steps:</source>
        <translation>下一步：</translation>
    </message>
    <message>
        <source>Analy&amp;ze headers</source>
        <translation>分析信头(&amp;Z)</translation>
    </message>
    <message>
        <source>Read these message headers in the Message headers pane</source>
        <translation>在“信头”面板中读取这些信头</translation>
    </message>
    <message>
        <source>The diagnosis failed unexpectedly.</source>
        <translation>诊断意外失败。</translation>
    </message>
    <message>
        <source>Open a bounce</source>
        <translation>打开退信</translation>
    </message>
    <message>
        <source>Messages and text (*.eml *.txt *.log *.html *.htm);;All files (*)</source>
        <translation>邮件和文本 (*.eml *.txt *.log *.html *.htm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Diagnosing…</source>
        <translation>正在诊断…</translation>
    </message>
    <message>
        <source>Cannot diagnose this</source>
        <translation>无法诊断</translation>
    </message>
    <message>
        <source>Nothing to diagnose yet</source>
        <translation>还没有可诊断的内容</translation>
    </message>
    <message>
        <source>Paste a bounce message, a delivery status notification (Status:, Diagnostic-Code:), a Microsoft 365 or Exchange NDR, or an SMTP transcript above, or drop an .eml file onto it.</source>
        <translation>请在上方粘贴退信、投递状态通知（Status:、Diagnostic-Code:）、Microsoft 365 或 Exchange 的 NDR，或 SMTP 会话记录，也可以把 .eml 文件拖到输入框中。</translation>
    </message>
</context>
<context>
    <name>DomainFields</name>
    <message>
        <source>Sending &amp;IP:</source>
        <translation>发信 IP(&amp;I)：</translation>
    </message>
    <message>
        <source>optional, e.g. 192.0.2.1</source>
        <translation>可选，例如 192.0.2.1</translation>
    </message>
    <message>
        <source>Sending IP: SPF is evaluated for it, PTR checked</source>
        <translation>发信 IP：针对它评估 SPF 并检查 PTR</translation>
    </message>
    <message>
        <source>&amp;Sender:</source>
        <translation>发件人(&amp;S)：</translation>
    </message>
    <message>
        <source>optional MAIL FROM, e.g. bounce@example.com</source>
        <translation>可选的 MAIL FROM，例如 bounce@example.com</translation>
    </message>
    <message>
        <source>Envelope sender (MAIL FROM) for SPF</source>
        <translation>用于 SPF 的信封发件人（MAIL FROM）</translation>
    </message>
    <message>
        <source>D&amp;KIM selectors:</source>
        <translation>DKIM 选择器(&amp;K)：</translation>
    </message>
    <message>
        <source>optional; empty: common ones</source>
        <translation>可选；留空则尝试常用选择器</translation>
    </message>
    <message>
        <source>DKIM selectors to look up</source>
        <translation>要查询的 DKIM 选择器</translation>
    </message>
</context>
<context>
    <name>HeadersPane</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Verifying over DNS (%1)…</source>
        <translation>正在通过 DNS 验证（%1）…</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>&amp;Paste a message&apos;s headers (or the whole message), or drop a file:</source>
        <translation>粘贴信头（或整封邮件），或拖入文件(&amp;P)：</translation>
    </message>
    <message>
        <source>Received: from …
Authentication-Results: …

or an .eml, .msg (Outlook), mbox or .txt file</source>
        <translation>Received: from …
Authentication-Results: …

或 .eml、.msg（Outlook）、mbox 或 .txt 文件</translation>
    </message>
    <message>
        <source>Message headers to read</source>
        <translation>要读取的信头</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open an .eml, .msg, mbox or text file</source>
        <translation>打开 .eml、.msg、mbox 或文本文件</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>Clear the input</source>
        <translation>清除输入</translation>
    </message>
    <message>
        <source>Diag&amp;nose this bounce</source>
        <translation>诊断这封退信(&amp;N)</translation>
    </message>
    <message>
        <source>Open this bounce in the Diagnose pane</source>
        <translation>在“诊断”面板中打开这封退信</translation>
    </message>
    <message>
        <source>Received hops, oldest first</source>
        <translation>Received 跳，最早的在前</translation>
    </message>
    <message>
        <source>Authentication results and their source</source>
        <translation>认证结果及其来源</translation>
    </message>
    <message>
        <source>Header report</source>
        <translation>信头报告</translation>
    </message>
    <message>
        <source>Cop&amp;y report</source>
        <translation>复制报告(&amp;Y)</translation>
    </message>
    <message>
        <source>Copy the header report as text</source>
        <translation>以文本形式复制信头报告</translation>
    </message>
    <message>
        <source>Verified over DNS (%1).</source>
        <translation>已通过 DNS 验证（%1）。</translation>
    </message>
    <message>
        <source>The verification failed unexpectedly.</source>
        <translation>验证意外失败。</translation>
    </message>
    <message>
        <source>Verification cancelled.</source>
        <translation>验证已取消。</translation>
    </message>
    <message>
        <source>Open a message</source>
        <translation>打开邮件</translation>
    </message>
    <message>
        <source>Messages (%1);;All files (*)</source>
        <translation>邮件 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Cannot read these headers</source>
        <translation>无法读取这些信头</translation>
    </message>
    <message>
        <source>Paste a message&apos;s headers above (Received, Authentication-Results, From …), or drop an .eml, .msg, mbox or .txt file onto it. Nothing is sent anywhere until you press Verify.</source>
        <translation>请在上方粘贴信头（Received、Authentication-Results、From …），或将 .eml、.msg、mbox 或 .txt 文件拖到上面。在您按下“验证”之前，不会发送任何内容。</translation>
    </message>
    <message>
        <source>No headers yet</source>
        <translation>尚无信头</translation>
    </message>
</context>
<context>
    <name>HopsModel</name>
    <message>
        <source>Hop</source>
        <translation>跳</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>By</source>
        <translation>接收服务器</translation>
    </message>
    <message>
        <source>IP</source>
        <translation>IP</translation>
    </message>
    <message>
        <source>With / TLS</source>
        <translation>协议 / TLS</translation>
    </message>
    <message>
        <source>Local time</source>
        <translation>本地时间</translation>
    </message>
    <message>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>The message entered the receiver here</source>
        <translation>邮件在此进入接收方</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>SMTP troubleshooter</source>
        <translation>SMTP 故障排查工具</translation>
    </message>
    <message>
        <source>&amp;Codes</source>
        <translation>代码(&amp;C)</translation>
    </message>
    <message>
        <source>Co&amp;mpare</source>
        <translation>比较(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;AUTH decoder</source>
        <translation>AUTH 解码(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Blocklists &amp;&amp; DNS</source>
        <translation>黑名单与 DNS(&amp;B)</translation>
    </message>
    <message>
        <source>Prob&amp;e</source>
        <translation>探测(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Diagnose</source>
        <translation>诊断(&amp;D)</translation>
    </message>
    <message>
        <source>Messa&amp;ge headers</source>
        <translation>信头(&amp;G)</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>保存报告(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About smtp-gui</source>
        <translation>关于 smtp-gui(&amp;A)</translation>
    </message>
    <message>
        <source>Find a code</source>
        <translation>查找代码</translation>
    </message>
    <message>
        <source>Settings cannot be saved to %1: changes are lost when the app closes.</source>
        <translation>无法将设置保存到 %1：关闭程序后，所做的更改将会丢失。</translation>
    </message>
</context>
<context>
    <name>ProbeForm</name>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>Po&amp;rt:</source>
        <translation>端口(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;TLS:</source>
        <translation>TLS(&amp;T)：</translation>
    </message>
    <message>
        <source>HE&amp;LO name:</source>
        <translation>HELO 名称(&amp;L)：</translation>
    </message>
    <message>
        <source>MA&amp;IL FROM:</source>
        <translation>MAIL FROM(&amp;I)：</translation>
    </message>
    <message>
        <source>RCPT T&amp;O:</source>
        <translation>RCPT TO(&amp;O)：</translation>
    </message>
    <message>
        <source>A&amp;UTH:</source>
        <translation>AUTH(&amp;U)：</translation>
    </message>
    <message>
        <source>User &amp;name:</source>
        <translation>用户名(&amp;N)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Timeout (s):</source>
        <translation>超时（秒）：</translation>
    </message>
    <message>
        <source>mail.example.com, 192.0.2.25 or example.com</source>
        <translation>mail.example.com、192.0.2.25 或 example.com</translation>
    </message>
    <message>
        <source>Server to probe</source>
        <translation>要探测的服务器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>25: server to server (MX); 587: submission; 465: TLS</source>
        <translation>25：服务器之间投递（MX）；587：客户端提交；465：TLS</translation>
    </message>
    <message>
        <source>TLS mode</source>
        <translation>TLS 模式</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>STARTTLS (required)</source>
        <translation>STARTTLS（必需）</translation>
    </message>
    <message>
        <source>Implicit TLS</source>
        <translation>隐式 TLS</translation>
    </message>
    <message>
        <source>None (plain text)</source>
        <translation>无（明文）</translation>
    </message>
    <message>
        <source>%1 (this computer&apos;s name)</source>
        <translation>%1（本机名称）</translation>
    </message>
    <message>
        <source>this computer&apos;s address on the connection, e.g. [192.0.2.1]</source>
        <translation>本机在该连接上的地址，例如 [192.0.2.1]</translation>
    </message>
    <message>
        <source>Sent in EHLO when left empty: %1</source>
        <translation>留空时在 EHLO 中发送：%1</translation>
    </message>
    <message>
        <source>HELO name</source>
        <translation>HELO 名称</translation>
    </message>
    <message>
        <source>sender@example.com (optional)</source>
        <translation>sender@example.com（可选）</translation>
    </message>
    <message>
        <source>Sender address for MAIL FROM</source>
        <translation>MAIL FROM 的发件人地址</translation>
    </message>
    <message>
        <source>recipient@example.com (optional)</source>
        <translation>recipient@example.com（可选）</translation>
    </message>
    <message>
        <source>Recipient address for RCPT TO</source>
        <translation>RCPT TO 的收件人地址</translation>
    </message>
    <message>
        <source>No AUTH</source>
        <translation>不认证</translation>
    </message>
    <message>
        <source>AUTH mechanism</source>
        <translation>AUTH 认证机制</translation>
    </message>
    <message>
        <source>User name for AUTH</source>
        <translation>AUTH 的用户名</translation>
    </message>
    <message>
        <source>Password or token for AUTH (never saved)</source>
        <translation>AUTH 的密码或令牌（从不保存）</translation>
    </message>
    <message>
        <source>never saved</source>
        <translation>从不保存</translation>
    </message>
    <message>
        <source>Continue if the certificate does not validate</source>
        <translation>证书验证失败时仍继续</translation>
    </message>
    <message>
        <source>Continue without certificate validation</source>
        <translation>跳过证书验证继续</translation>
    </message>
    <message>
        <source>Timeout of each step in seconds</source>
        <translation>每个步骤的超时时间（秒）</translation>
    </message>
</context>
<context>
    <name>ProbePane</name>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>&amp;Probe</source>
        <translation>探测(&amp;P)</translation>
    </message>
    <message>
        <source>Start the probe</source>
        <translation>开始探测</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the probe</source>
        <translation>取消探测</translation>
    </message>
    <message>
        <source>SMTP transcript</source>
        <translation>SMTP 会话记录</translation>
    </message>
    <message>
        <source>Step details</source>
        <translation>步骤详情</translation>
    </message>
    <message>
        <source>Copy transcript</source>
        <translation>复制会话记录</translation>
    </message>
    <message>
        <source>Copy the transcript, secrets masked</source>
        <translation>复制会话记录（机密信息已隐藏）</translation>
    </message>
    <message>
        <source>Open code page</source>
        <translation>打开代码页面</translation>
    </message>
    <message>
        <source>Open the selected reply&apos;s code page</source>
        <translation>打开所选回复的代码页面</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Probe running</source>
        <translation>探测进行中</translation>
    </message>
    <message>
        <source>Probe state</source>
        <translation>探测状态</translation>
    </message>
    <message>
        <source>The probe was cancelled.</source>
        <translation>探测已取消。</translation>
    </message>
</context>
<context>
    <name>ReportButton</name>
    <message>
        <source>Co&amp;py report</source>
        <translation>复制报告(&amp;P)</translation>
    </message>
    <message>
        <source>Copy the full report for a ticket</source>
        <translation>复制完整报告，用于工单</translation>
    </message>
    <message>
        <source>Copy as plain text</source>
        <translation>复制为纯文本</translation>
    </message>
    <message>
        <source>Copy as Markdown</source>
        <translation>复制为 Markdown</translation>
    </message>
</context>
<context>
    <name>SaveReport</name>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>保存报告(&amp;S)…</translation>
    </message>
    <message>
        <source>Save &amp;report…</source>
        <translation>保存报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Save rep&amp;ort…</source>
        <translation>保存报告(&amp;O)…</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>保存报告…</translation>
    </message>
    <message>
        <source>Save this report as HTML or PDF</source>
        <translation>将此报告保存为 HTML 或 PDF</translation>
    </message>
    <message>
        <source>Save this report as HTML or PDF (Ctrl+S)</source>
        <translation>将此报告保存为 HTML 或 PDF（Ctrl+S）</translation>
    </message>
</context>
<context>
    <name>SchemeMenu</name>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;System colours</source>
        <translation>跟随系统配色(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
</context>
<context>
    <name>SpfTraceView</name>
    <message>
        <source>SPF evaluation trace</source>
        <translation>SPF 评估过程</translation>
    </message>
</context>
<context>
    <name>TranscriptModel</name>
    <message>
        <source>Double-click to read %1 in the catalogue</source>
        <translation>双击可在目录中查看 %1</translation>
    </message>
</context>
<context>
    <name>VerifyBar</name>
    <message>
        <source>Ver&amp;ify</source>
        <translation>验证(&amp;I)</translation>
    </message>
    <message>
        <source>Verify DKIM, ARC, SPF and DMARC alignment here over DNS</source>
        <translation>在本机通过 DNS 验证 DKIM、ARC、SPF 和 DMARC 对齐</translation>
    </message>
    <message>
        <source>Re-check the authentication over DNS with the resolver set in the Blocklists &amp;&amp; DNS pane</source>
        <translation>使用“黑名单和 DNS”面板中设置的解析服务器，通过 DNS 重新检查认证</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the verification</source>
        <translation>取消验证</translation>
    </message>
    <message>
        <source>Verification steps done</source>
        <translation>已完成的验证步骤</translation>
    </message>
</context>
</TS>
