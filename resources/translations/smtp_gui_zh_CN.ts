<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CodePage</name>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>SMTP phases</source>
        <translation>SMTP 阶段</translation>
    </message>
    <message>
        <source>Not in the catalogue: explained from its digits only.</source>
        <translation>目录中没有此代码：仅根据其数字进行解释。</translation>
    </message>
    <message>
        <source>In short</source>
        <translation>简而言之</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>When it appears</source>
        <translation>出现时机</translation>
    </message>
    <message>
        <source>How to fix</source>
        <translation>解决方法</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>是否重试</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>References</source>
        <translation>参考文献</translation>
    </message>
</context>
<context>
    <name>CodePane</name>
    <message>
        <source>Search: 554, 5.7.1, relay, blacklist, 认证, 拒绝 …</source>
        <translation>搜索：554、5.7.1、中继、黑名单、认证、拒绝 …</translation>
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
        <source>Codes shown: %1</source>
        <translation>显示的代码：%1</translation>
    </message>
</context>
<context>
    <name>ComparePane</name>
    <message>
        <source>&amp;First code:</source>
        <translation>第一个代码(&amp;F)：</translation>
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
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>In short</source>
        <translation>简而言之</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>When it appears</source>
        <translation>出现时机</translation>
    </message>
    <message>
        <source>How to fix</source>
        <translation>解决方法</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>是否重试</translation>
    </message>
    <message>
        <source>Key difference</source>
        <translation>关键区别</translation>
    </message>
    <message>
        <source>When each applies</source>
        <translation>各自适用场景</translation>
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
        <source>About smtp-gui</source>
        <translation>关于 smtp-gui</translation>
    </message>
    <message>
        <source>smtp-gui %1
A troubleshooter for SMTP errors: reply codes, AUTH exchanges, blocklists and DNS.</source>
        <translation>smtp-gui %1
SMTP 错误排查工具：回复码、AUTH 认证交互、黑名单与 DNS。</translation>
    </message>
</context>
</TS>
