<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivityPage</name>
    <message>
        <source>Activity log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>Every sign-in, change and data operation, kept at least five years. Entries cannot be edited: each one is chained to the one before it.</source>
        <translation>每一次登录、变更和数据操作都记录在此，至少保存五年。记录不可修改：每条记录都与前一条链接校验。</translation>
    </message>
</context>
<context>
    <name>AddTerminalWizard</name>
    <message>
        <source>Add terminal</source>
        <translation>添加终端</translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <source>Compare the codes</source>
        <translation>核对配对码</translation>
    </message>
    <message>
        <source>Both screens show a six-digit code. They must be the same.</source>
        <translation>两块屏幕都会显示一个六位数字配对码，两者必须完全一致。</translation>
    </message>
    <message>
        <source>I confirm this model may be used here</source>
        <translation>我确认此型号可以在这里使用</translation>
    </message>
    <message>
        <source>Con&amp;tinue</source>
        <translation>继续(&amp;T)</translation>
    </message>
    <message>
        <source>Does the terminal show the same code?</source>
        <translation>终端上显示的是同一个配对码吗？</translation>
    </message>
    <message>
        <source>The codes &amp;match</source>
        <translation>配对码一致(&amp;M)</translation>
    </message>
    <message>
        <source>They &amp;differ</source>
        <translation>不一致(&amp;D)</translation>
    </message>
    <message>
        <source>Asking the terminal who it is…</source>
        <translation>正在读取终端信息…</translation>
    </message>
    <message>
        <source>%1 %2 · serial %3 · firmware %4 · terminal %5</source>
        <translation>%1 %2 · 序列号 %3 · 固件 %4 · 终端号 %5</translation>
    </message>
    <message>
        <source>This model is blocked: %1 (source: %2).</source>
        <translation>此型号已被禁用：%1（依据：%2）。</translation>
    </message>
    <message>
        <source>This model is on no approved list. Pair it only if your acquirer supplied it.</source>
        <translation>此型号不在任何已批准名单中。只有在收单机构提供的情况下才可配对。</translation>
    </message>
    <message>
        <source>Pairing…</source>
        <translation>正在配对…</translation>
    </message>
    <message>
        <source>Paired. The key is kept in this computer's keyring.</source>
        <translation>配对成功。密钥保存在本机的系统密钥环中。</translation>
    </message>
</context>
<context>
    <name>DiscoverPage</name>
    <message>
        <source>Choose the terminal</source>
        <translation>选择终端</translation>
    </message>
    <message>
        <source>Terminals connected to this computer or in Bluetooth range.</source>
        <translation>已连接本机或在蓝牙范围内的终端。</translation>
    </message>
    <message>
        <source>Search &amp;again</source>
        <translation>重新搜索(&amp;A)</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>%1 found.</source>
        <translation>找到 %1 台。</translation>
    </message>
    <message>
        <source>No terminal found. Check the cable or switch the terminal on, then search again.</source>
        <translation>未找到终端。请检查连接线或打开终端电源，然后重新搜索。</translation>
    </message>
</context>
<context>
    <name>DisputeDialog</name>
    <message>
        <source>Open a case</source>
        <translation>登记争议或投诉</translation>
    </message>
    <message>
        <source>What is wrong, and any case number the acquirer gave you</source>
        <translation>问题描述，以及收单机构给出的工单号（如有）</translation>
    </message>
    <message>
        <source>An error dispute is for a wrong amount, a double charge or a missing refund; a complaint is about the service.</source>
        <translation>差错争议用于金额错误、重复扣款或退款未到账；纠纷投诉针对服务本身。</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Raised through:</source>
        <translation>提出渠道(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>登记</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Terminal added</source>
        <translation>添加终端</translation>
    </message>
    <message>
        <source>&amp;Sync its journal now</source>
        <translation>立即同步其交易流水(&amp;S)</translation>
    </message>
    <message>
        <source>%1 %2 (terminal %3) is paired and appears in the list.</source>
        <translation>%1 %2（终端号 %3）已配对，并显示在列表中。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export transactions</source>
        <translation>导出交易记录</translation>
    </message>
    <message>
        <source>CSV (opens in Excel and WPS)</source>
        <translation>CSV（可用 Excel 和 WPS 打开）</translation>
    </message>
    <message>
        <source>Excel workbook (XLSX)</source>
        <translation>Excel 工作簿（XLSX）</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>%1 transactions, %2 to %3, as filtered on the page. Card numbers stay masked; the export is recorded in the activity log.</source>
        <translation>共 %1 笔交易（%2 至 %3，按页面当前筛选）。卡号保持脱敏；导出操作会记入操作日志。</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>Column &amp;headings:</source>
        <translation>列标题(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Save as:</source>
        <translation>保存为(&amp;S)：</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import statement</source>
        <translation>导入对账单</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列对应</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>&amp;Remember these columns for files like this one</source>
        <translation>记住此格式文件的列对应(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>检查(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>First rows of the file (card numbers masked):</source>
        <translation>文件前几行（卡号已脱敏）：</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · header on row %4</source>
        <translation>%1 · %2 · %3 · 表头在第 %4 行</translation>
    </message>
    <message>
        <source>This bill's layout is known; no columns to choose. Press Check to see what it holds.</source>
        <translation>已识别此账单格式，无需选择列。点击“检查”查看其内容。</translation>
    </message>
    <message>
        <source>WeChat Pay trade bill</source>
        <translation>微信支付交易账单</translation>
    </message>
    <message>
        <source>Alipay bill</source>
        <translation>支付宝账单</translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <source>CSV text (%1)</source>
        <translation>CSV 文本（%1）</translation>
    </message>
    <message>
        <source>Columns remembered from an earlier file of this layout.</source>
        <translation>已沿用之前同格式文件的列对应。</translation>
    </message>
    <message>
        <source>Columns suggested from the header row; check them.</source>
        <translation>已根据表头推荐列对应，请核对。</translation>
    </message>
    <message>
        <source>— not in this file —</source>
        <translation>— 文件中没有 —</translation>
    </message>
    <message>
        <source>This file has columns that may hold card security data (%1); it cannot be imported. Ask the acquirer for a statement without them.</source>
        <translation>此文件含有可能存放卡片安全数据的列（%1），不能导入。请向收单机构索取不含这些列的对账单。</translation>
    </message>
    <message>
        <source>Choose a column for: %1.</source>
        <translation>请为以下字段选择列：%1。</translation>
    </message>
    <message>
        <source>Every required field has a column. Press Check for a dry run, or Import.</source>
        <translation>所有必填字段都已对应到列。可点击“检查”试运行，或直接导入。</translation>
    </message>
    <message>
        <source>%1 rows: %2 new, %3 already imported, %4 rejected.</source>
        <translation>共 %1 行：新增 %2，已导入过 %3，拒绝 %4。</translation>
    </message>
    <message>
        <source>Nothing can be imported until these rows are fixed.</source>
        <translation>修正这些行之前无法导入任何数据。</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was imported.</source>
        <translation>已取消，未导入任何数据。</translation>
    </message>
    <message>
        <source>Not imported; nothing was written. %1</source>
        <translation>未导入，未写入任何数据。%1</translation>
    </message>
    <message>
        <source>Row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>, column “%1”</source>
        <translation>，“%1”列</translation>
    </message>
    <message>
        <source>%1 rows read</source>
        <translation>已读取 %1 行</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Sale</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Pre-authorisation</source>
        <translation>预授权</translation>
    </message>
    <message>
        <source>Pre-auth completion</source>
        <translation>预授权完成</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Contactless</source>
        <translation>闪付</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>扫码</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>UnionPay</source>
        <translation>银联</translation>
    </message>
    <message>
        <source>UnionPay QR</source>
        <translation>银联二维码</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>处理中</translation>
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
        <source>Signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Demo profile created</source>
        <translation>创建演示档案</translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation>更改设置</translation>
    </message>
    <message>
        <source>Card data refused</source>
        <translation>拦截敏感卡数据</translation>
    </message>
    <message>
        <source>Integrity check failed</source>
        <translation>完整性校验失败</translation>
    </message>
    <message>
        <source>Terminal added</source>
        <translation>添加终端</translation>
    </message>
    <message>
        <source>Terminal paired</source>
        <translation>终端配对</translation>
    </message>
    <message>
        <source>Terminal unpaired</source>
        <translation>解除终端配对</translation>
    </message>
    <message>
        <source>Terminal blocked</source>
        <translation>终端被禁用</translation>
    </message>
    <message>
        <source>Terminal unblocked</source>
        <translation>终端解除禁用</translation>
    </message>
    <message>
        <source>Terminal synced</source>
        <translation>终端同步</translation>
    </message>
    <message>
        <source>Terminal parameters pushed</source>
        <translation>已推送终端参数</translation>
    </message>
    <message>
        <source>Model policy updated</source>
        <translation>更新型号管控名单</translation>
    </message>
    <message>
        <source>Signing key trusted</source>
        <translation>已信任签名密钥</translation>
    </message>
    <message>
        <source>Transactions recorded</source>
        <translation>写入交易记录</translation>
    </message>
    <message>
        <source>Statement imported</source>
        <translation>导入对账单</translation>
    </message>
    <message>
        <source>Data exported</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <source>Dispute updated</source>
        <translation>争议处理更新</translation>
    </message>
    <message>
        <source>Import mapping saved</source>
        <translation>保存导入映射</translation>
    </message>
    <message>
        <source>Old transactions purged</source>
        <translation>已清理旧交易</translation>
    </message>
    <message>
        <source>Scanned for card data</source>
        <translation>已扫描卡片敏感数据</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Terminal sync</source>
        <translation>终端同步</translation>
    </message>
    <message>
        <source>Data source</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <source>Model policy</source>
        <translation>型号管控名单</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>E-signature POS</source>
        <translation>电签POS</translation>
    </message>
    <message>
        <source>Traditional POS</source>
        <translation>传统POS</translation>
    </message>
    <message>
        <source>Smart POS</source>
        <translation>智能POS</translation>
    </message>
    <message>
        <source>Bluetooth card reader</source>
        <translation>蓝牙刷卡器</translation>
    </message>
    <message>
        <source>Phone POS</source>
        <translation>手机POS</translation>
    </message>
    <message>
        <source>USB PIN pad</source>
        <translation>USB密码键盘</translation>
    </message>
    <message>
        <source>Magnetic stripe</source>
        <translation>磁条</translation>
    </message>
    <message>
        <source>Chip card</source>
        <translation>芯片卡</translation>
    </message>
    <message>
        <source>Contactless (NFC)</source>
        <translation>非接（NFC）</translation>
    </message>
    <message>
        <source>Scans QR codes</source>
        <translation>扫描二维码</translation>
    </message>
    <message>
        <source>Shows QR codes</source>
        <translation>展示二维码</translation>
    </message>
    <message>
        <source>E-signature</source>
        <translation>电子签名</translation>
    </message>
    <message>
        <source>PCI PTS PIN pad</source>
        <translation>PCI PTS 密码键盘</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>eSIM cellular</source>
        <translation>eSIM 蜂窝网络</translation>
    </message>
    <message>
        <source>Wi-Fi</source>
        <translation>Wi-Fi</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>信号不稳</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <source>Updating</source>
        <translation>更新中</translation>
    </message>
    <message>
        <source>Unpaired</source>
        <translation>已解除配对</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>USB (simulated)</source>
        <translation>USB（模拟）</translation>
    </message>
    <message>
        <source>Bluetooth LE</source>
        <translation>低功耗蓝牙</translation>
    </message>
    <message>
        <source>Bluetooth</source>
        <translation>蓝牙</translation>
    </message>
    <message>
        <source>Error dispute</source>
        <translation>差错争议</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>纠纷投诉</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>Submitted to the institution</source>
        <translation>已提交机构</translation>
    </message>
    <message>
        <source>Awaiting information</source>
        <translation>等待补充材料</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Acquirer hotline</source>
        <translation>收单机构客服电话</translation>
    </message>
    <message>
        <source>Acquirer website</source>
        <translation>收单机构官网</translation>
    </message>
    <message>
        <source>Institution app</source>
        <translation>机构 App</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>线下当面</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Payment channel</source>
        <translation>交易渠道</translation>
    </message>
    <message>
        <source>Terminal or interface type</source>
        <translation>终端或接口类型</translation>
    </message>
    <message>
        <source>Terminal ID</source>
        <translation>终端号</translation>
    </message>
    <message>
        <source>Transaction type</source>
        <translation>交易类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Time (Beijing)</source>
        <translation>时间（北京）</translation>
    </message>
    <message>
        <source>Business date</source>
        <translation>交易日期</translation>
    </message>
    <message>
        <source>Merchant name</source>
        <translation>商户名称</translation>
    </message>
    <message>
        <source>Merchant code</source>
        <translation>商户编号</translation>
    </message>
    <message>
        <source>Merchant category (MCC)</source>
        <translation>商户类别码（MCC）</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>卡组织/支付品牌</translation>
    </message>
    <message>
        <source>Payer name</source>
        <translation>付款人名称</translation>
    </message>
    <message>
        <source>Payer account</source>
        <translation>付款账号</translation>
    </message>
    <message>
        <source>Payer bank</source>
        <translation>付款银行</translation>
    </message>
    <message>
        <source>Payee name</source>
        <translation>收款人名称</translation>
    </message>
    <message>
        <source>Payee account</source>
        <translation>收款账号</translation>
    </message>
    <message>
        <source>Payee bank</source>
        <translation>收款银行</translation>
    </message>
    <message>
        <source>Verification tier</source>
        <translation>验证强度</translation>
    </message>
    <message>
        <source>Factor categories</source>
        <translation>验证要素类别</translation>
    </message>
    <message>
        <source>Authorisation code</source>
        <translation>授权码</translation>
    </message>
    <message>
        <source>Authorisation reference</source>
        <translation>授权参考号</translation>
    </message>
    <message>
        <source>Trace ID</source>
        <translation>交易流水号</translation>
    </message>
    <message>
        <source>Reference number (RRN)</source>
        <translation>参考号（RRN）</translation>
    </message>
    <message>
        <source>Batch number</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Voucher number</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>PosDesk record ID</source>
        <translation>POS 管家记录编号</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Channel, terminal, amount, time and merchant</source>
        <translation>渠道、终端、金额、时间与商户</translation>
    </message>
    <message>
        <source>Payer and payee</source>
        <translation>付款方与收款方</translation>
    </message>
    <message>
        <source>Verification and authorisation</source>
        <translation>身份验证与交易授权</translation>
    </message>
    <message>
        <source>Identifiers for tracing</source>
        <translation>可追溯标识</translation>
    </message>
    <message>
        <source>Purpose (unit transfers over ¥50,000)</source>
        <translation>用途（单位客户单笔超过 5 万元的转账）</translation>
    </message>
    <message>
        <source>Synced from terminal</source>
        <translation>终端同步</translation>
    </message>
    <message>
        <source>Imported statement</source>
        <translation>导入的对账单</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
    <message>
        <source>Terminals</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>交易记录</translation>
    </message>
    <message>
        <source>Activity log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source> — demo data</source>
        <translation> — 演示数据</translation>
    </message>
    <message>
        <source>PosDesk</source>
        <translation>POS 管家</translation>
    </message>
    <message>
        <source>Demo profile: simulated terminals and generated transactions. Your own data is kept separately.</source>
        <translation>演示档案：模拟终端和生成的交易数据。您自己的数据单独保存。</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <source>DEMO DATA</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;my own data</source>
        <translation>打开我的数据(&amp;M)</translation>
    </message>
    <message>
        <source>Open the &amp;demo</source>
        <translation>打开演示(&amp;D)</translation>
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
        <source>&amp;About PosDesk</source>
        <translation>关于 POS 管家(&amp;A)</translation>
    </message>
    <message>
        <source>About PosDesk</source>
        <translation>关于 POS 管家</translation>
    </message>
    <message>
        <source>PosDesk (POS 管家) %1

Manage payment terminals, review transactions and see payment-limit usage. Card numbers are only ever kept masked.</source>
        <translation>POS 管家 (PosDesk) %1

管理收款终端、查询交易记录、查看支付限额使用情况。卡号只以脱敏形式保存。</translation>
    </message>
</context>
<context>
    <name>OplogModel</name>
    <message>
        <source>Time (Beijing)</source>
        <translation>时间（北京）</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>PreflightPage</name>
    <message>
        <source>Before you start</source>
        <translation>开始之前</translation>
    </message>
    <message>
        <source>Switch the terminal on or plug it in. PosDesk checks what pairing needs on this computer.</source>
        <translation>请打开终端电源或插上连接线。POS 管家会检查本机是否具备配对所需的条件。</translation>
    </message>
    <message>
        <source>Keyring</source>
        <translation>密钥环</translation>
    </message>
    <message>
        <source>ready to keep terminal keys</source>
        <translation>可以保存终端密钥</translation>
    </message>
    <message>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>No libusb found: USB terminals cannot be used.</source>
        <translation>未找到 libusb：无法使用 USB 终端。</translation>
    </message>
    <message>
        <source>Bluetooth</source>
        <translation>蓝牙</translation>
    </message>
    <message>
        <source>adapter found</source>
        <translation>已找到适配器</translation>
    </message>
    <message>
        <source>No Bluetooth adapter: Bluetooth readers cannot be found. Plug in an adapter, or use a USB cable.</source>
        <translation>没有蓝牙适配器：无法发现蓝牙读卡器。请插入蓝牙适配器，或改用 USB 连接线。</translation>
    </message>
    <message>
        <source>If a USB terminal is found but cannot be opened, give your user access with this rule (as administrator), then plug the terminal in again:</source>
        <translation>如果能找到 USB 终端但无法打开，请以管理员身份添加以下规则为当前用户授权，然后重新插拔终端：</translation>
    </message>
    <message>
        <source>&amp;Copy rule</source>
        <translation>复制规则(&amp;C)</translation>
    </message>
    <message>
        <source>USB permission</source>
        <translation>USB 权限</translation>
    </message>
</context>
<context>
    <name>PurgeDialog</name>
    <message>
        <source>Remove old transactions</source>
        <translation>清理旧交易</translation>
    </message>
    <message>
        <source>PosDesk keeps transactions for %1 years. Older ones can be removed here; transactions since %2 (the last year) are always kept.</source>
        <translation>POS 管家会保留 %1 年的交易记录。更早的记录可在此清理；%2 以来（最近一年）的交易始终保留。</translation>
    </message>
    <message>
        <source>Remove transactions &amp;dated before:</source>
        <translation>清理此日期之前的交易(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>清理(&amp;R)…</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>%1 transactions dated %2 to %3 will be removed.</source>
        <translation>将清理 %2 至 %3 的 %1 笔交易。</translation>
    </message>
    <message>
        <source>No transactions before %1 can be removed.</source>
        <translation>%1 之前没有可清理的交易。</translation>
    </message>
    <message>
        <source>%1 older transactions stay: a newer transaction comes before them in the tamper-evident chain, or a kept refund, void or dispute refers to them.</source>
        <translation>另有 %1 笔较早的交易会保留：防篡改链中排在它们之前的有较新的交易，或仍保留的退款、撤销或争议引用了它们。</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>正在清理…</translation>
    </message>
    <message>
        <source>Remove %1 transactions for good? This cannot be undone. Export them first if you may need them.</source>
        <translation>永久清理 %1 笔交易？此操作无法撤销。如日后可能需要，请先导出。</translation>
    </message>
    <message>
        <source>%1 transactions were removed. The rest still verify.</source>
        <translation>已清理 %1 笔交易。其余记录校验完好。</translation>
    </message>
    <message>
        <source>Nothing was removed: the transaction history fails its integrity check at row %1, and removing rows would hide the evidence. See the Activity log.</source>
        <translation>未清理任何记录：交易记录在第 %1 行未通过完整性校验，此时清理会掩盖证据。请查看操作日志。</translation>
    </message>
    <message>
        <source>Nothing was removed: new transactions arrived meanwhile. Check the numbers above and try again.</source>
        <translation>未清理任何记录：期间有新交易写入。请核对上方数字后重试。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Language, old transactions, and what PosDesk found on this computer.</source>
        <translation>界面语言、旧交易清理，以及 POS 管家在本机检测到的情况。</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Display language:</source>
        <translation>显示语言(&amp;D)：</translation>
    </message>
    <message>
        <source>Transaction history</source>
        <translation>交易记录</translation>
    </message>
    <message>
        <source>Transactions are kept %1 years; the last year is always kept.</source>
        <translation>交易记录保留 %1 年；最近一年的交易始终保留。</translation>
    </message>
    <message>
        <source>Remove &amp;old transactions…</source>
        <translation>清理旧交易(&amp;O)…</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>&amp;Check again</source>
        <translation>重新检测(&amp;C)</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检测…</translation>
    </message>
    <message>
        <source>Could not check this computer: %1</source>
        <translation>无法检测本机：%1</translation>
    </message>
    <message>
        <source>PosDesk version</source>
        <translation>POS 管家版本</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <source>Keyring</source>
        <translation>密钥环</translation>
    </message>
    <message>
        <source>USB backend</source>
        <translation>USB 后端</translation>
    </message>
    <message>
        <source>Bluetooth</source>
        <translation>蓝牙</translation>
    </message>
    <message>
        <source>Locale</source>
        <translation>区域设置</translation>
    </message>
    <message>
        <source>usable</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>not usable, see above</source>
        <translation>不可用，见上方说明</translation>
    </message>
    <message>
        <source>libusb 1.0, shipped with PosDesk</source>
        <translation>libusb 1.0（随 POS 管家提供）</translation>
    </message>
    <message>
        <source>libusb 1.0 from the system</source>
        <translation>libusb 1.0（系统自带）</translation>
    </message>
    <message>
        <source>No libusb found: USB terminals cannot be used</source>
        <translation>未找到 libusb：无法使用 USB 终端</translation>
    </message>
    <message>
        <source>Checked when scanning for terminals</source>
        <translation>扫描终端时检测</translation>
    </message>
    <message>
        <source>No Bluetooth adapter found</source>
        <translation>未找到蓝牙适配器</translation>
    </message>
    <message>
        <source>Integrity check passed · schema %1 · %2 transactions</source>
        <translation>完整性校验通过 · 结构版本 %1 · %2 笔交易</translation>
    </message>
    <message>
        <source>Not created yet</source>
        <translation>尚未创建</translation>
    </message>
    <message>
        <source>Integrity check FAILED: %1</source>
        <translation>完整性校验失败：%1</translation>
    </message>
    <message>
        <source>Cannot be opened: %1</source>
        <translation>无法打开：%1</translation>
    </message>
    <message>
        <source>No system keyring was found, so PosDesk cannot keep secrets such as terminal keys and passwords. Pairing and passwords are switched off. On Linux, install and start a Secret Service (gnome-keyring or KWallet), then restart PosDesk.</source>
        <translation>未找到系统密钥环，POS 管家无法保存终端密钥、密码等机密信息，配对和密码功能已停用。在 Linux 上请安装并启动 Secret Service（gnome-keyring 或 KWallet），然后重新启动 POS 管家。</translation>
    </message>
    <message>
        <source>The keyring in use keeps secrets in an unprotected file. PosDesk refuses to use it; pairing and passwords are switched off until a system keyring is available.</source>
        <translation>当前密钥环把机密信息保存在未受保护的文件中，POS 管家拒绝使用。在系统密钥环可用之前，配对和密码功能已停用。</translation>
    </message>
    <message>
        <source>The system keyring is locked. Unlock it (sign in to your desktop or unlock the 'Login' keyring) and restart PosDesk; until then pairing and passwords are off.</source>
        <translation>系统密钥环已锁定。请解锁（登录桌面或解锁"登录"密钥环）后重新启动 POS 管家；在此之前配对和密码功能已停用。</translation>
    </message>
    <message>
        <source>The system keyring does not answer. Pairing and passwords are switched off until it does; see the log file for details.</source>
        <translation>系统密钥环没有响应。在恢复之前配对和密码功能已停用，详情请查看日志文件。</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Creating the demo: a year of transactions…</source>
        <translation>正在创建演示数据：一年的交易记录…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>PosDesk demo</source>
        <translation>POS 管家演示</translation>
    </message>
    <message>
        <source>PosDesk</source>
        <translation>POS 管家</translation>
    </message>
    <message>
        <source>PosDesk is already open on the data folder %1 (process %2). Close that window first, or open another data folder.</source>
        <translation>POS 管家已在数据文件夹 %1 上运行（进程 %2）。请先关闭那个窗口，或打开其他数据文件夹。</translation>
    </message>
    <message>
        <source>%1 is not a PosDesk database, so it was not opened and not changed. Restore a backup, or choose another data folder.</source>
        <translation>%1 不是 POS 管家数据库，未打开也未修改。请恢复备份，或选择其他数据文件夹。</translation>
    </message>
    <message>
        <source>Card data that must never be stored was refused (field %3); nothing of that batch was saved. If a terminal sent it, ask its supplier to fix it.</source>
        <translation>已拦截不得保存的卡片敏感数据（字段 %3），该批数据均未保存。如果是终端发送的，请联系终端供应商修复。</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of PosDesk. Update PosDesk to open it; nothing was changed.</source>
        <translation>%1 由更新版本的 POS 管家写入。请升级 POS 管家后再打开；未做任何修改。</translation>
    </message>
    <message>
        <source>Pairing needs the system keyring, which is not available. See Settings for how to fix it.</source>
        <translation>配对需要系统密钥环，但当前不可用。解决方法请见“设置”页面。</translation>
    </message>
    <message>
        <source>The codes on the two screens did not match, so nothing was paired. Try again; if they differ again, someone may be interfering with the connection.</source>
        <translation>两块屏幕上的配对码不一致，未进行配对。请重试；如果再次不一致，可能有人在干扰连接。</translation>
    </message>
    <message>
        <source>The pairing was declined on the terminal.</source>
        <translation>终端上拒绝了配对。</translation>
    </message>
    <message>
        <source>This terminal model is blocked: %1 (source: %2). It cannot be paired or synced; its history stays viewable.</source>
        <translation>此终端型号已被禁用：%1（依据：%2）。无法配对或同步；历史记录仍可查看。</translation>
    </message>
    <message>
        <source>The model is on no approved list and was not confirmed, so nothing was paired.</source>
        <translation>此型号不在任何已批准名单中且未获确认，未进行配对。</translation>
    </message>
    <message>
        <source>The terminal stopped answering while pairing. Check the cable or the terminal, then try again.</source>
        <translation>配对过程中终端停止响应。请检查连接线或终端后重试。</translation>
    </message>
    <message>
        <source>The terminal cannot be reached (%3). Check that it is switched on and connected.</source>
        <translation>无法连接终端（%3）。请确认终端已开机并已连接。</translation>
    </message>
    <message>
        <source>The sync stopped (%3). What arrived is saved; Sync now continues where it stopped.</source>
        <translation>同步中断（%3）。已收到的数据已保存；点击“立即同步”会从中断处继续。</translation>
    </message>
    <message>
        <source>The terminal refused the parameters (%3) and keeps its current configuration. Ask your acquirer for a file signed for this terminal.</source>
        <translation>终端拒绝了这些参数（%3），保留当前配置。请向收单机构索取为此终端签名的文件。</translation>
    </message>
    <message>
        <source>This parameter file is for other terminals; nothing was changed.</source>
        <translation>此参数文件是给其他终端的；未做任何更改。</translation>
    </message>
    <message>
        <source>This parameter file is not newer than what the terminal runs; nothing was changed.</source>
        <translation>此参数文件不比终端当前使用的版本新；未做任何更改。</translation>
    </message>
    <message>
        <source>The file's signature does not match its contents: it was changed after signing. Nothing was changed.</source>
        <translation>文件签名与内容不符：签名后文件被改动过。未做任何更改。</translation>
    </message>
    <message>
        <source>The file is signed by a key you have not trusted for this purpose. Trust your acquirer's key first; nothing was changed.</source>
        <translation>文件的签名密钥未被信任用于此用途。请先信任收单机构的密钥；未做任何更改。</translation>
    </message>
    <message>
        <source>This is not a usable parameter file (a required part is missing or wrong); nothing was changed. Ask your acquirer for the file again.</source>
        <translation>这不是可用的参数文件（缺少必需内容或内容有误）；未做任何更改。请向收单机构重新索取文件。</translation>
    </message>
    <message>
        <source>The file carries no signature, so it was not used.</source>
        <translation>文件没有签名，因此未被使用。</translation>
    </message>
    <message>
        <source>This terminal is not paired with this computer. Pair it again to sync.</source>
        <translation>此终端未与本机配对。请重新配对后再同步。</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Change case status</source>
        <translation>更改处理状态</translation>
    </message>
    <message>
        <source>Case:</source>
        <translation>案件：</translation>
    </message>
    <message>
        <source>&amp;New status:</source>
        <translation>新状态(&amp;N)：</translation>
    </message>
    <message>
        <source>N&amp;ote or outcome:</source>
        <translation>说明或处理结果(&amp;O)：</translation>
    </message>
    <message>
        <source>Write how the case ended before closing it.</source>
        <translation>结案前请写明处理结果。</translation>
    </message>
</context>
<context>
    <name>TerminalsModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Vendor · model</source>
        <translation>厂商 · 型号</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Firmware · parameters</source>
        <translation>固件 · 参数</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>连接方式</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>电量</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最近在线</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>最近同步</translation>
    </message>
    <message>
        <source>parameter version %1</source>
        <translation>参数版本 %1</translation>
    </message>
    <message>
        <source>no signed parameters pushed from here</source>
        <translation>尚未从本机推送签名参数</translation>
    </message>
</context>
<context>
    <name>TerminalsPage</name>
    <message>
        <source>Terminals</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Paired card and QR readers. Status comes from a heartbeat every 30 seconds; a terminal that comes back is synced at once.</source>
        <translation>已配对的刷卡和扫码终端。状态来自每 30 秒一次的心跳；终端重新连接后会立即同步。</translation>
    </message>
    <message>
        <source>&amp;Add terminal…</source>
        <translation>添加终端(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重命名(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Unpair…</source>
        <translation>解除配对(&amp;U)…</translation>
    </message>
    <message>
        <source>Push &amp;parameters…</source>
        <translation>推送参数(&amp;P)…</translation>
    </message>
    <message>
        <source>Send your acquirer's signed parameter file to the selected terminal</source>
        <translation>将收单机构签名的参数文件发送到所选终端</translation>
    </message>
    <message>
        <source>No terminals yet.
Plug a reader in or switch it on, then choose Add terminal.</source>
        <translation>还没有终端。
插上读卡器或打开电源，然后点击“添加终端”。</translation>
    </message>
    <message>
        <source>Cancel sync</source>
        <translation>取消同步</translation>
    </message>
    <message>
        <source>%1 is back and was synced.</source>
        <translation>%1 已重新连接并完成同步。</translation>
    </message>
    <message>
        <source>Sync cancelled. What arrived is saved; Sync now continues where it stopped.</source>
        <translation>同步已取消。已收到的数据已保存；再次点击“立即同步”会从中断处继续。</translation>
    </message>
    <message>
        <source>Syncing %1…</source>
        <translation>正在同步 %1…</translation>
    </message>
    <message>
        <source>Signed parameter file</source>
        <translation>签名参数文件</translation>
    </message>
    <message>
        <source>Parameter files (*.json);;All files (*)</source>
        <translation>参数文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Push parameters</source>
        <translation>推送参数</translation>
    </message>
    <message>
        <source>Push parameter version %1 from %2 to %3?

Signed with the key you trusted as %4. The terminal now runs version %5.
Settings: %6</source>
        <translation>将来自 %2 的参数版本 %1 推送到 %3？

签名密钥为您信任的“%4”。终端当前使用版本 %5。
设置项：%6</translation>
    </message>
    <message>
        <source>Nothing was pushed.</source>
        <translation>未推送任何内容。</translation>
    </message>
    <message>
        <source>Pushing parameters to %1…</source>
        <translation>正在向 %1 推送参数…</translation>
    </message>
    <message>
        <source>%1 now runs parameter version %2.</source>
        <translation>%1 现在使用参数版本 %2。</translation>
    </message>
    <message>
        <source>%1: %2 new</source>
        <translation>%1：新增 %2 笔</translation>
    </message>
    <message>
        <source>Syncing %1: page %2, %3 new so far…</source>
        <translation>正在同步 %1：第 %2 页，已新增 %3 笔…</translation>
    </message>
    <message>
        <source>Rename terminal</source>
        <translation>重命名终端</translation>
    </message>
    <message>
        <source>Name for %1:</source>
        <translation>%1 的名称：</translation>
    </message>
    <message>
        <source>Unpair terminal</source>
        <translation>解除终端配对</translation>
    </message>
    <message>
        <source>Unpair %1 (%2)?

Its transactions stay in your history. To sync it again you will have to pair it again.</source>
        <translation>解除 %1（%2）的配对？

它的交易记录会保留在历史中。以后要再同步，需要重新配对。</translation>
    </message>
    <message>
        <source>%1 was unpaired.</source>
        <translation>已解除 %1 的配对。</translation>
    </message>
</context>
<context>
    <name>TransactionsModel</name>
    <message>
        <source>Time (Beijing)</source>
        <translation>时间（北京）</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Trace ID</source>
        <translation>交易流水号</translation>
    </message>
</context>
<context>
    <name>TransactionsPage</name>
    <message>
        <source>Transactions</source>
        <translation>交易记录</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>&amp;Import statement…</source>
        <translation>导入对账单(&amp;I)…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>C&amp;hart</source>
        <translation>图表(&amp;H)</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Could not read the history: %1</source>
        <translation>无法读取交易记录：%1</translation>
    </message>
    <message>
        <source>%1 transactions</source>
        <translation>%1 笔交易</translation>
    </message>
    <message>
        <source>Sales %1</source>
        <translation>消费 %1</translation>
    </message>
    <message>
        <source>Refunds %1</source>
        <translation>退款 %1</translation>
    </message>
    <message>
        <source>Net %1</source>
        <translation>净额 %1</translation>
    </message>
    <message>
        <source>%1 to %2 (Beijing time). Double-click a transaction for every detail; Ctrl+F searches.</source>
        <translation>%1 至 %2（北京时间）。双击交易查看全部信息；Ctrl+F 搜索。</translation>
    </message>
    <message>
        <source>No transactions match these filters.
Widen the dates or press Reset filters.</source>
        <translation>没有符合这些筛选条件的交易。
请扩大日期范围或点击“重置筛选”。</translation>
    </message>
    <message>
        <source>Sorting by that column needs a filter that matches at most %1 transactions (now %2). Narrow the dates or add a filter first; time order works at any size.</source>
        <translation>按该列排序需要筛选结果不超过 %1 笔（当前 %2 笔）。请先缩小日期范围或增加筛选条件；按时间排序不受数量限制。</translation>
    </message>
    <message>
        <source>Import an acquirer statement</source>
        <translation>导入收单机构对账单</translation>
    </message>
    <message>
        <source>Statements (*.csv *.xlsx *.txt);;All files (*)</source>
        <translation>对账单 (*.csv *.xlsx *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Imported %1: %2 new transactions, %3 already known.</source>
        <translation>已导入 %1：新增 %2 笔交易，%3 笔已存在。</translation>
    </message>
    <message>
        <source>Exported %1 transactions to %2.</source>
        <translation>已导出 %1 笔交易到 %2。</translation>
    </message>
    <message>
        <source>No transactions in the last year yet.
They appear here when a paired terminal syncs or when you import an acquirer statement.</source>
        <translation>最近一年还没有交易记录。
已配对终端同步或导入收单机构对账单后，交易会显示在这里。</translation>
    </message>
</context>
<context>
    <name>TxnDetailsDialog</name>
    <message>
        <source>Transaction details</source>
        <translation>交易详情</translation>
    </message>
    <message>
        <source>This transaction is no longer in the history.</source>
        <translation>此交易已不在交易记录中。</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>not supplied</source>
        <translation>未提供</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Came from:</source>
        <translation>来自：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Linked transactions</source>
        <translation>关联交易</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原交易</translation>
    </message>
    <message>
        <source>No refund, void or original is linked to this transaction.</source>
        <translation>此交易没有关联的退款、撤销或原交易。</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open one.</source>
        <translation>双击或按回车键打开。</translation>
    </message>
    <message>
        <source>Disputes and complaints</source>
        <translation>差错争议与纠纷投诉</translation>
    </message>
    <message>
        <source>None. If this transaction is wrong or you have a complaint about it, open a case to track it.</source>
        <translation>暂无。如果此交易有误或您要投诉，请登记后跟踪处理。</translation>
    </message>
    <message>
        <source>&amp;Open a case…</source>
        <translation>登记争议或投诉(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Change status…</source>
        <translation>更改状态(&amp;C)…</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>未更改</translation>
    </message>
    <message>
        <source>This transaction already has an open case of that kind (#%1). Change that case's status instead.</source>
        <translation>此交易已有一件同类未结案件（#%1）。请改为更新该案件的状态。</translation>
    </message>
    <message>
        <source>Case #%1 cannot move to that status from where it is.</source>
        <translation>案件 #%1 当前状态不能改为所选状态。</translation>
    </message>
    <message>
        <source>Write how case #%1 ended before closing it.</source>
        <translation>结案前请写明案件 #%1 的处理结果。</translation>
    </message>
</context>
<context>
    <name>TxnFilterBar</name>
    <message>
        <source>First day (Beijing time)</source>
        <translation>开始日期（北京时间）</translation>
    </message>
    <message>
        <source>Last day (Beijing time)</source>
        <translation>结束日期（北京时间）</translation>
    </message>
    <message>
        <source>All terminals</source>
        <translation>全部终端</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>All methods</source>
        <translation>全部支付方式</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Transaction type</source>
        <translation>交易类型</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Search merchant, memo…</source>
        <translation>搜索商户、备注…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>¥ from</source>
        <translation>最小金额 ¥</translation>
    </message>
    <message>
        <source>Smallest amount in yuan</source>
        <translation>最小金额（元）</translation>
    </message>
    <message>
        <source>¥ to</source>
        <translation>最大金额 ¥</translation>
    </message>
    <message>
        <source>Largest amount in yuan</source>
        <translation>最大金额（元）</translation>
    </message>
    <message>
        <source>Trace ID or RRN</source>
        <translation>流水号或参考号</translation>
    </message>
    <message>
        <source>Card last 4</source>
        <translation>卡号后四位</translation>
    </message>
    <message>
        <source>Card number, last 4</source>
        <translation>卡号后四位</translation>
    </message>
    <message>
        <source>Merchant code</source>
        <translation>商户编号</translation>
    </message>
    <message>
        <source>MCC</source>
        <translation>MCC</translation>
    </message>
    <message>
        <source>Merchant category code</source>
        <translation>商户类别码</translation>
    </message>
    <message>
        <source>&amp;Reset filters</source>
        <translation>重置筛选(&amp;R)</translation>
    </message>
    <message>
        <source>“%1” is not an amount; write it like 100 or 12.50</source>
        <translation>“%1”不是有效金额，请写成 100 或 12.50 这样的格式</translation>
    </message>
</context>
<context>
    <name>TxnVolumeChart</name>
    <message>
        <source>Daily volume chart</source>
        <translation>每日交易额图表</translation>
    </message>
    <message>
        <source>Net amount per day (yuan)</source>
        <translation>每日净额（元）</translation>
    </message>
    <message>
        <source>%1: %2 transactions, net %3</source>
        <translation>%1：%2 笔交易，净额 %3</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to PosDesk</source>
        <translation>欢迎使用 POS 管家</translation>
    </message>
    <message>
        <source>There is no data in %1 yet.

Explore the demo first: three simulated terminals and a year of sample transactions, kept apart from your own data. Or start with your own data and pair a terminal or import a statement.</source>
        <translation>%1 中还没有数据。

可以先体验演示：三台模拟终端和一年的示例交易，与您自己的数据分开保存。也可以直接使用自己的数据，配对终端或导入对账单。</translation>
    </message>
    <message>
        <source>Explore the &amp;demo</source>
        <translation>体验演示(&amp;D)</translation>
    </message>
    <message>
        <source>Start with my &amp;own data</source>
        <translation>使用我的数据(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
</TS>