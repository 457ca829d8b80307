<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountProfileDialog</name>
    <message>
        <source>Account profile</source>
        <translation>账户资料</translation>
    </message>
    <message>
        <source>What your payment institution has told you about your payment account. The limits PosDesk estimates follow from these values; every change is recorded in the Activity log.</source>
        <translation>这是支付机构告知您的支付账户信息。POS 管家估算的限额依据这些数值得出；每次更改都会记入操作日志。</translation>
    </message>
    <message>
        <source>e.g. the wallet or payment company</source>
        <translation>例如钱包或支付公司</translation>
    </message>
    <message>
        <source>Not known (no multiplier)</source>
        <translation>未知（不适用倍数）</translation>
    </message>
    <message>
        <source>e.g. 96.20; empty if not known</source>
        <translation>例如 96.20；不清楚可留空</translation>
    </message>
    <message>
        <source>the institution verifies quick pay for the bank</source>
        <translation>由机构代银行验证快捷支付</translation>
    </message>
    <message>
        <source>Individual</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>Unit (company, organisation, individual business)</source>
        <translation>单位（企业、机构、个体工商户）</translation>
    </message>
    <message>
        <source>Class I (one external check)</source>
        <translation>Ⅰ类（经一个外部渠道核验）</translation>
    </message>
    <message>
        <source>Class II (face to face, or three external checks)</source>
        <translation>Ⅱ类（当面核验，或通过三个外部渠道核验）</translation>
    </message>
    <message>
        <source>Class III (face to face, or five external checks)</source>
        <translation>Ⅲ类（面对面核验，或经五项外部核验）</translation>
    </message>
    <message>
        <source>e.g. 20,000.00; empty if not known</source>
        <translation>例如 20,000.00；不清楚请留空</translation>
    </message>
    <message>
        <source>the institution has confirmed the account holder's real name</source>
        <translation>机构已核实账户持有人的实名信息</translation>
    </message>
    <message>
        <source>&amp;Institution:</source>
        <translation>机构(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Rating (PBOC class):</source>
        <translation>分类评级（PBOC 分类）(&amp;R)：</translation>
    </message>
    <message>
        <source>Rating valid &amp;from:</source>
        <translation>评级生效日期(&amp;F)：</translation>
    </message>
    <message>
        <source>Rating valid &amp;until:</source>
        <translation>分类评级有效期至(&amp;U)：</translation>
    </message>
    <message>
        <source>Real-&amp;name ratio, Class II+III (%):</source>
        <translation>实名比例，Ⅱ类+Ⅲ类（%）(&amp;N)：</translation>
    </message>
    <message>
        <source>Art. 3&amp;7 agreement:</source>
        <translation>第37条协议(&amp;7)：</translation>
    </message>
    <message>
        <source>Customer &amp;type:</source>
        <translation>客户类型(&amp;T)：</translation>
    </message>
    <message>
        <source>Account &amp;class:</source>
        <translation>账户类别(&amp;C)：</translation>
    </message>
    <message>
        <source>Class &amp;held since:</source>
        <translation>账户类别起始日期(&amp;H)：</translation>
    </message>
    <message>
        <source>Contract T&amp;1 daily limit (¥):</source>
        <translation>协议约定 T1 单日限额（¥）(&amp;1)：</translation>
    </message>
    <message>
        <source>Real-name c&amp;onfirmed:</source>
        <translation>实名已确认(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>YYYY-MM-DD (optional)</source>
        <translation>YYYY-MM-DD（可选）</translation>
    </message>
    <message>
        <source>“%1” is not a date; write it as YYYY-MM-DD, or leave it empty.</source>
        <translation>“%1”不是有效日期，请按 YYYY-MM-DD 格式填写，或留空。</translation>
    </message>
    <message>
        <source>“%1” is not a percentage; write it like 96.20.</source>
        <translation>“%1”不是有效的百分比，请写成 96.20 这样的格式。</translation>
    </message>
    <message>
        <source>use at most two decimals, like 96.20.</source>
        <translation>最多保留两位小数，如 96.20。</translation>
    </message>
    <message>
        <source>“%1” is not an amount in yuan; write it like 20,000.00, or leave it empty if the contract does not say.</source>
        <translation>“%1”不是以元为单位的金额，请写成 20,000.00 这样的格式；如合同未写明，请留空。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>分类评级</translation>
    </message>
    <message>
        <source>Rating valid from</source>
        <translation>评级生效日期</translation>
    </message>
    <message>
        <source>Rating valid until</source>
        <translation>分类评级有效期至</translation>
    </message>
    <message>
        <source>Real-name ratio (%)</source>
        <translation>实名比例（%）</translation>
    </message>
    <message>
        <source>Art. 37 agreement</source>
        <translation>第37条协议</translation>
    </message>
    <message>
        <source>Customer type</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <source>Account class</source>
        <translation>账户类别</translation>
    </message>
    <message>
        <source>Class held since</source>
        <translation>账户类别起始日期</translation>
    </message>
    <message>
        <source>Contract T1 daily limit</source>
        <translation>协议约定 T1 单日限额</translation>
    </message>
    <message>
        <source>Real-name confirmed</source>
        <translation>实名已确认</translation>
    </message>
    <message>
        <source>must be one of A, B, C, D, E, or not known.</source>
        <translation>必须是 A、B、C、D、E 之一，或“未知”。</translation>
    </message>
    <message>
        <source>is before the day the rating is valid from.</source>
        <translation>早于分类评级的生效日期。</translation>
    </message>
    <message>
        <source>must be between 0 and 100 %.</source>
        <translation>必须在 0 到 100% 之间。</translation>
    </message>
    <message>
        <source>must be individual or unit.</source>
        <translation>必须是个人或单位。</translation>
    </message>
    <message>
        <source>must be Class I, II or III.</source>
        <translation>必须为Ⅰ类、Ⅱ类或Ⅲ类。</translation>
    </message>
    <message>
        <source>cannot be negative.</source>
        <translation>不能为负数。</translation>
    </message>
</context>
<context>
    <name>ActivityPage</name>
    <message>
        <source>Activity log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>Every sign-in, change and data operation, kept at least five years. Entries cannot be edited: each one is chained to the one before it. Press Enter or double-click an entry for every detail; Ctrl+F searches.</source>
        <translation>每一次登录、变更和数据操作都记录在此，至少保存五年。记录不可修改：每条记录都与前一条链接校验。按回车或双击一条记录查看全部详情；Ctrl+F 搜索。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Verify integrity</source>
        <translation>校验完整性(&amp;V)</translation>
    </message>
    <message>
        <source>Check every entry against its hash and the one before it</source>
        <translation>逐条核对记录与其哈希值及前一条记录</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Save the entries shown (as filtered) to a CSV file with their hashes, for an auditor</source>
        <translation>将当前显示（已筛选）的记录连同哈希值保存为 CSV 文件，供审计使用</translation>
    </message>
    <message>
        <source>Re&amp;move old entries…</source>
        <translation>清理旧记录(&amp;M)…</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>%1 条记录</translation>
    </message>
    <message>
        <source>Nothing has been recorded yet.
Sign-ins, terminal pairings, syncs, imports, exports and changes to settings appear here as they happen.</source>
        <translation>尚无任何记录。
登录、终端配对、同步、导入、导出和设置变更发生时都会显示在这里。</translation>
    </message>
    <message>
        <source>No entries match these filters.
Choose a longer period, another operation, or press Reset filters.</source>
        <translation>没有符合筛选条件的记录。
请选择更长的时间段或其他操作类型，或点击“重置筛选”。</translation>
    </message>
    <message>
        <source>Could not read the activity log: %1</source>
        <translation>无法读取操作日志：%1</translation>
    </message>
    <message>
        <source>Entry %1 and the ones before it. Press Reset filters for the newest.</source>
        <translation>第 %1 条及之前的记录。点击“重置筛选”查看最新记录。</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <source>&amp;Show entry %1</source>
        <translation>查看第 %1 条(&amp;S)</translation>
    </message>
    <message>
        <source>Intact: all %1 entries verified (%2).</source>
        <translation>完整：全部 %1 条记录校验通过（%2）。</translation>
    </message>
    <message>
        <source>%1 older entries were removed by retention purges on record.</source>
        <translation>另有 %1 条较早的记录已按保存期限清理，清理操作均有记录。</translation>
    </message>
    <message>
        <source>Broken: entry %1 was changed after it was written (its contents do not match its hash).</source>
        <translation>已损坏：第 %1 条记录在写入后被修改（内容与其哈希值不符）。</translation>
    </message>
    <message>
        <source>Broken: entry %1 does not follow the entry before it; an entry before it was deleted, inserted or moved.</source>
        <translation>已损坏：第 %1 条记录与前一条记录无法衔接，之前有记录被删除、插入或移动。</translation>
    </message>
    <message>
        <source>Broken: the log ends early; its newest entries were deleted.</source>
        <translation>已损坏：日志提前结束，最新的记录已被删除。</translation>
    </message>
    <message>
        <source>Broken: entries before entry %1 were deleted outside a recorded purge.</source>
        <translation>已损坏：第 %1 条之前的记录在没有清理记录的情况下被删除。</translation>
    </message>
    <message>
        <source>%1 entries before that verified. The failed check was recorded.</source>
        <translation>此前 %1 条记录校验通过。本次校验失败已记入日志。</translation>
    </message>
    <message>
        <source>Export the activity log</source>
        <translation>导出操作日志</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exported %1 entries to %2. The file's row hashes let an auditor re-verify them (docs/activity-log.md).</source>
        <translation>已将 %1 条记录导出到 %2。审计人员可用文件中的逐行哈希值重新校验（见 docs/activity-log.md）。</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
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
    <name>AutoBackup</name>
    <message>
        <source>Automatic backup written: %1</source>
        <translation>已完成自动备份：%1</translation>
    </message>
    <message>
        <source>The automatic backup failed: %1</source>
        <translation>自动备份失败：%1</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>A backup is one file holding your transactions, activity log, terminals and settings. Passwords and keys stay in the system keyring and are not in it. You can keep working while it is written.</source>
        <translation>备份是一个文件，包含交易记录、操作日志、终端和设置。密码和密钥保存在系统密钥环中，不会写入备份。备份期间可以继续工作。</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Back up</source>
        <translation>备份(&amp;B)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Back up to</source>
        <translation>备份到</translation>
    </message>
    <message>
        <source>PosDesk backups (*%1)</source>
        <translation>PosDesk 备份 (*%1)</translation>
    </message>
    <message>
        <source>Choose where to write the backup.</source>
        <translation>请选择备份文件的保存位置。</translation>
    </message>
    <message>
        <source>Backup written: %1 (%2 MB) with %3 transactions and %4 activity-log entries.</source>
        <translation>备份已写入：%1（%2 MB），含 %3 笔交易和 %4 条操作日志。</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <source>Import a certificate</source>
        <translation>导入数字证书</translation>
    </message>
    <message>
        <source>A digital certificate or electronic signature from a licensed certification authority, with its private key: usually a .p12 or .pfx file from your bank or payment institution. PosDesk checks it and keeps the certificate and key in this computer's keyring; afterwards you can put the file away.</source>
        <translation>由依法设立的电子认证服务机构签发、带私钥的数字证书或电子签名：通常是银行或支付机构提供的 .p12 或 .pfx 文件。POS 管家会检查该文件，并将证书和私钥保存在本机的系统密钥环中；之后可将文件另行妥善保管。</translation>
    </message>
    <message>
        <source>PEM, CRT, P12 or PFX file</source>
        <translation>PEM、CRT、P12 或 PFX 文件</translation>
    </message>
    <message>
        <source>Certificate file</source>
        <translation>证书文件</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>Only for a PKCS#12 file or an encrypted key</source>
        <translation>仅用于 PKCS#12 文件或加密的私钥</translation>
    </message>
    <message>
        <source>File password</source>
        <translation>文件密码</translation>
    </message>
    <message>
        <source>The certificate's subject, unless you name it</source>
        <translation>如不自行命名，则使用证书主题</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Imported certificate</source>
        <translation>已导入的证书</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der *.p12 *.pfx);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer *.der *.p12 *.pfx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the certificate file first.</source>
        <translation>请先选择证书文件。</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>主体：</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>颁发者：</translation>
    </message>
    <message>
        <source>Serial number:</source>
        <translation>序列号：</translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation>有效期自：</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>有效期至：</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>密钥：</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256 指纹：</translation>
    </message>
    <message>
        <source>Imported as “%1”</source>
        <translation>已导入为“%1”</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>完成(&amp;D)</translation>
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
    <name>DamagedDatabase</name>
    <message>
        <source>PosDesk cannot open your data</source>
        <translation>PosDesk 无法打开您的数据</translation>
    </message>
    <message>
        <source>Restore a backup to replace it, or start a new, empty profile: the file %1 is then kept under a new name beside it, not deleted.</source>
        <translation>可以用备份恢复，或新建一个空的档案：此时文件 %1 会以新名称保留在原处，不会被删除。</translation>
    </message>
    <message>
        <source>&amp;Restore a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Start a new profile</source>
        <translation>新建档案(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
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
        <translation>导出交易</translation>
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
    <name>FactorLabels</name>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Security question</source>
        <translation>安全问题</translation>
    </message>
    <message>
        <source>Digital certificate</source>
        <translation>数字证书</translation>
    </message>
    <message>
        <source>Electronic signature</source>
        <translation>电子签名</translation>
    </message>
    <message>
        <source>SMS code</source>
        <translation>短信验证码</translation>
    </message>
    <message>
        <source>Authenticator app</source>
        <translation>身份验证器应用</translation>
    </message>
    <message>
        <source>Hardware token</source>
        <translation>硬件令牌</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Face</source>
        <translation>人脸</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>声纹</translation>
    </message>
    <message>
        <source>Iris</source>
        <translation>虹膜</translation>
    </message>
    <message>
        <source>Trusted device</source>
        <translation>可信设备</translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation>知识类</translation>
    </message>
    <message>
        <source>Possession</source>
        <translation>持有物类</translation>
    </message>
    <message>
        <source>Inherence</source>
        <translation>生物特征类</translation>
    </message>
    <message>
        <source>None (not an Art. 22 factor)</source>
        <translation>无（不属于第22条规定的验证要素）</translation>
    </message>
    <message>
        <source>knowledge</source>
        <translation>知识类</translation>
    </message>
    <message>
        <source>possession</source>
        <translation>持有物类</translation>
    </message>
    <message>
        <source>inherence</source>
        <translation>生物特征类</translation>
    </message>
    <message>
        <source>This app</source>
        <translation>本应用</translation>
    </message>
    <message>
        <source>Your institution</source>
        <translation>您的机构</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>the phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>the hardware token</source>
        <translation>硬件令牌</translation>
    </message>
    <message>
        <source>the institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>no category</source>
        <translation>无类别</translation>
    </message>
    <message>
        <source>one category</source>
        <translation>一类要素</translation>
    </message>
    <message>
        <source>two categories</source>
        <translation>两类</translation>
    </message>
    <message>
        <source>three categories</source>
        <translation>三类</translation>
    </message>
    <message>
        <source>T1 (two categories including a certificate or e-signature): your daily limit for balance payments is the one agreed in your contract with the institution (Art. 24(1)).</source>
        <translation>T1（两类要素，其中包括数字证书或电子签名）：余额支付的单日限额以您与机构合同约定的为准（第24条(1)）。</translation>
    </message>
    <message>
        <source>T2 (two categories, no certificate): balance payments up to ¥5,000 a day across all your payment accounts (base limit, Art. 24(2); your institution's rating may raise it, Art. 36).</source>
        <translation>T2（两类要素，无数字证书）：所有支付账户合计单日余额支付最高 ¥5,000（基础限额，第24条(2)；机构的分类评级可能提高此限额，第36条）。</translation>
    </message>
    <message>
        <source>T3 (fewer than two categories): balance payments up to ¥1,000 a day (base limit, Art. 24(3)); the institution bears any loss on them in full.</source>
        <translation>T3（不足两类）：余额支付每日累计不超过 ¥1,000（基础限额，第24条(3)）；由此产生的损失由机构全额承担。</translation>
    </message>
    <message>
        <source>To reach T1, import a digital certificate or e-signature from your institution.</source>
        <translation>如需达到 T1，请导入机构提供的数字证书或电子签名。</translation>
    </message>
    <message>
        <source>To reach T2, set a password and add an authenticator whose codes arrive on a device you do not pay from.</source>
        <translation>要达到 T2，请设置密码，并添加身份验证器，其验证码须发送到您不用来付款的设备上。</translation>
    </message>
    <message>
        <source>To reach T2, add a factor of another category (for example authenticator codes on your phone while you pay on this computer).</source>
        <translation>如需达到 T2，请添加另一类验证要素（例如在本机付款时使用手机上身份验证器的动态验证码）。</translation>
    </message>
    <message>
        <source>%1: not counted, because the codes arrive on the device you pay from, so one device would give both (VF-2, Art. 23). Receive the codes on another device, or change where payments are made.</source>
        <translation>%1：不计入，因为验证码发送到您付款所用的设备上，同一台设备会同时提供两项要素（VF-2，第23条）。请改用其他设备接收验证码，或更换付款设备。</translation>
    </message>
    <message>
        <source>%1: not counted on its own, because %2 releases it; only %2 counts (VF-3).</source>
        <translation>%1：不单独计入，因为它需由 %2 解锁；仅计入 %2（VF-3）。</translation>
    </message>
    <message>
        <source>%1: not counted, because it has no anti-replay attestation (VF-4).</source>
        <translation>%1：不计入，因为没有防重放证明（VF-4）。</translation>
    </message>
    <message>
        <source>%1: not counted, because it expired on %2 (VF-1). Import the renewed certificate.</source>
        <translation>%1：不计入，因为它已于 %2 过期（VF-1）。请导入续期后的证书。</translation>
    </message>
    <message>
        <source>%1: not counted, because it is not an Art. 22 factor unless your institution declares that it qualifies.</source>
        <translation>%1：不计入，因为它不属于第22条规定的验证要素，除非您的机构声明其符合条件。</translation>
    </message>
    <message>
        <source>%1 are all on %2: whoever has it has all of them, so they are not independent (Art. 22). Keep possession factors on different devices.</source>
        <translation>%1都在%2上：谁持有该设备就同时拥有它们全部，因此它们并不相互独立（第22条）。请将持有物类验证要素放在不同的设备上。</translation>
    </message>
    <message>
        <source>This system's fingerprint or face sign-in is not supported by this build of PosDesk.</source>
        <translation>此版本的 POS 管家不支持本系统的指纹或人脸登录。</translation>
    </message>
    <message>
        <source>PosDesk cannot reach the system's fingerprint service (no system D-Bus).</source>
        <translation>POS 管家无法连接系统的指纹服务（没有系统 D-Bus）。</translation>
    </message>
    <message>
        <source>The system's fingerprint service (fprintd) is not installed or not running.</source>
        <translation>系统的指纹服务（fprintd）未安装或未运行。</translation>
    </message>
    <message>
        <source>No fingerprint reader is connected to this computer.</source>
        <translation>本机未连接指纹识别器。</translation>
    </message>
    <message>
        <source>%1 has no finger enrolled for you yet: enrol one in the system's settings (Users → Fingerprint Login), then try again.</source>
        <translation>%1 上还没有为您录入指纹：请先在系统设置（用户 → 指纹登录）中录入一枚手指，然后重试。</translation>
    </message>
    <message>
        <source>The system's fingerprint service did not answer in time. Try again.</source>
        <translation>系统的指纹服务没有及时响应。请重试。</translation>
    </message>
    <message>
        <source>Another program is using the fingerprint reader; close it and try again.</source>
        <translation>另一个程序正在使用指纹识别器；请关闭它后重试。</translation>
    </message>
    <message>
        <source>The system did not allow you to use the fingerprint reader. Ask whoever manages this computer.</source>
        <translation>系统不允许您使用指纹识别器。请联系本机的管理员。</translation>
    </message>
    <message>
        <source>No finger is enrolled for you: enrol one in the system's settings (Users → Fingerprint Login), then try again.</source>
        <translation>您还没有录入指纹：请在系统设置（用户 → 指纹登录）中录入一枚手指，然后重试。</translation>
    </message>
    <message>
        <source>The fingerprint reader reported an internal error. Unplug it, plug it in again and try again.</source>
        <translation>指纹识别器报告内部错误。请拔下后重新插入，再重试。</translation>
    </message>
    <message>
        <source>The fingerprint reader was disconnected or failed; check it and try again.</source>
        <translation>指纹识别器已断开或出现故障；请检查后重试。</translation>
    </message>
    <message>
        <source>The scan was not clear: touch the reader again.</source>
        <translation>未能识别清楚：请再按一次指纹识别器。</translation>
    </message>
    <message>
        <source>The swipe was too short: swipe again.</source>
        <translation>划动距离太短：请再划一次。</translation>
    </message>
    <message>
        <source>The finger was not centred: touch the reader again.</source>
        <translation>手指未放在中间：请再按一次指纹识别器。</translation>
    </message>
    <message>
        <source>Lift your finger, then touch the reader again.</source>
        <translation>请抬起手指，然后再按一次指纹识别器。</translation>
    </message>
</context>
<context>
    <name>FactorTestDialog</name>
    <message>
        <source>Test %1</source>
        <translation>测试 %1</translation>
    </message>
    <message>
        <source>Test “%1”</source>
        <translation>测试“%1”</translation>
    </message>
    <message>
        <source>Type your password, as you would when paying.</source>
        <translation>请像付款时一样输入密码。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Type the code your authenticator app shows now. A code works once: after this test, wait for the next one before paying.</source>
        <translation>请输入身份验证器应用当前显示的验证码。每个验证码只能使用一次：本次测试后，请等下一个验证码出现后再付款。</translation>
    </message>
    <message>
        <source>%1 digits</source>
        <translation>%1 位</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>一次性验证码</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>验证码(&amp;C)：</translation>
    </message>
    <message>
        <source>PosDesk signs a fresh random challenge with the certificate's private key and checks the signature with the certificate, as the institution would. An expired certificate fails.</source>
        <translation>POS 管家会用证书私钥对一个新生成的随机挑战值签名，再像机构那样用证书验证签名。已过期的证书无法通过。</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>测试(&amp;T)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Passed: %1 works.</source>
        <translation>通过：%1 可以正常使用。</translation>
    </message>
    <message>
        <source>Failed: that is not the password.</source>
        <translation>失败：密码不正确。</translation>
    </message>
    <message>
        <source>Failed: the code does not match or was already used. Check the phone's clock and try the next code.</source>
        <translation>未通过：验证码不正确或已被使用。请检查手机时间，然后尝试下一个验证码。</translation>
    </message>
    <message>
        <source>Failed: the certificate could not prove possession of its key (it may have expired). Import a valid one.</source>
        <translation>失败：该证书无法证明持有其私钥（可能已过期）。请导入有效的证书。</translation>
    </message>
</context>
<context>
    <name>FactorsModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>保管方</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Last test</source>
        <translation>最近测试</translation>
    </message>
    <message>
        <source>%1 · checked by the system</source>
        <translation>%1 · 由系统比对</translation>
    </message>
    <message>
        <source>%1 · expired on %2</source>
        <translation>%1 · 已于 %2 过期</translation>
    </message>
    <message>
        <source>%1 · valid until %2</source>
        <translation>%1 · 有效期至 %2</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>颁发者</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Enrolled in the system: %1. The system matches them; PosDesk keeps nothing of a fingerprint.</source>
        <translation>系统中已录入：%1。由系统进行比对；POS 管家不保存任何指纹信息。</translation>
    </message>
    <message>
        <source>This computer's fingerprint reader: the system checks the finger and tells PosDesk only whether it matched.</source>
        <translation>本机的指纹识别器：由系统比对手指，只告诉 POS 管家是否匹配。</translation>
    </message>
    <message>
        <source>Your institution holds and checks this factor; PosDesk keeps no secret for it.</source>
        <translation>此要素由您的机构保存和校验；POS 管家不为其保存任何机密信息。</translation>
    </message>
    <message>
        <source>Its secret is kept in this computer's keyring, never in the database.</source>
        <translation>其机密信息保存在本机的系统密钥环中，从不存入数据库。</translation>
    </message>
</context>
<context>
    <name>FingerprintDialog</name>
    <message>
        <source>the fingerprint reader</source>
        <translation>指纹识别器</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Test %1</source>
        <translation>测试 %1</translation>
    </message>
    <message>
        <source>Use this computer's fingerprint reader</source>
        <translation>使用本机的指纹识别器</translation>
    </message>
    <message>
        <source>Test “%1”</source>
        <translation>测试“%1”</translation>
    </message>
    <message>
        <source>Touch %1 with a finger you enrolled in the system's settings. The system checks it and tells PosDesk only whether it matched; PosDesk keeps no fingerprint.</source>
        <translation>请用已在系统设置中录入的手指按 %1。由系统进行比对，只告诉 POS 管家是否匹配；POS 管家不保存任何指纹。</translation>
    </message>
    <message>
        <source>It confirms operations in PosDesk. Your payment limits do not change: your institution does not see this check (VF-4).</source>
        <translation>它可用于在 POS 管家中确认操作。您的支付限额不会因此改变：支付机构看不到这次验证（VF-4）。</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Touch the reader</source>
        <translation>按指纹(&amp;T)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Press “Touch the reader”, then touch %1.</source>
        <translation>请点击“按指纹”，然后按 %1。</translation>
    </message>
    <message>
        <source>Touch %1 now…</source>
        <translation>请现在按 %1…</translation>
    </message>
    <message>
        <source>&amp;Touch again</source>
        <translation>再按一次(&amp;T)</translation>
    </message>
    <message>
        <source>No finger touched the reader within %1 s.</source>
        <translation>%1 秒内没有手指按指纹识别器。</translation>
    </message>
    <message>
        <source>That finger does not match one enrolled on this computer. Nothing was added.</source>
        <translation>该手指与本机录入的指纹不匹配，未添加任何内容。</translation>
    </message>
    <message>
        <source>Passed: %1 works.</source>
        <translation>通过：%1 可以正常使用。</translation>
    </message>
    <message>
        <source>Failed: that finger does not match one enrolled on this computer.</source>
        <translation>未通过：该手指与本机录入的指纹不匹配。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
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
    <name>InstitutionFactorDialog</name>
    <message>
        <source>Record a fingerprint or face</source>
        <translation>登记指纹或人脸</translation>
    </message>
    <message>
        <source>Add a factor your institution holds</source>
        <translation>添加由机构保存的验证要素</translation>
    </message>
    <message>
        <source>Your institution holds this factor and checks it when you pay. PosDesk keeps no secret for it (no code, answer, fingerprint or face image), only its type and where it is, so the tier shown here matches how your payments are verified.</source>
        <translation>此验证要素由您的机构保管，并在您付款时核验。POS 管家不保存它的任何机密信息（不保存验证码、答案、指纹或人脸图像），只记录其类型和所在位置，以便此处显示的验证等级与您付款时的实际验证方式一致。</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Where:</source>
        <translation>位置(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Inherence. It counts only when your institution checks it with liveness or anti-replay protection (Art. 23); PosDesk never sees or stores the biometric itself.</source>
        <translation>生物特征类。仅当机构通过活体检测或防重放保护进行核验时才计入（第23条）；POS 管家从不获取或保存生物特征本身。</translation>
    </message>
    <message>
        <source>Possession. It counts only when the codes arrive on a device other than the one you pay from (Art. 23).</source>
        <translation>持有物类。仅当验证码发送到付款设备以外的其他设备时才计入（第23条）。</translation>
    </message>
    <message>
        <source>Knowledge, like a password: asked and checked by your institution.</source>
        <translation>知识类，例如密码：由您的机构要求输入并校验。</translation>
    </message>
    <message>
        <source>You make payments on %1 too, so codes that arrive there do not count as a separate factor (Art. 23). Use a device you do not pay from.</source>
        <translation>您也在 %1 上付款，因此发送到该设备的验证码不能算作独立的验证要素（第23条）。请使用不用于付款的设备。</translation>
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
        <source>Old activity entries removed</source>
        <translation>已清理旧操作记录</translation>
    </message>
    <message>
        <source>Scanned for card data</source>
        <translation>已扫描卡片敏感数据</translation>
    </message>
    <message>
        <source>Account payments recorded</source>
        <translation>记录账户支付</translation>
    </message>
    <message>
        <source>Account profile changed</source>
        <translation>更改账户资料</translation>
    </message>
    <message>
        <source>Verification factor added</source>
        <translation>添加验证要素</translation>
    </message>
    <message>
        <source>Verification factor changed</source>
        <translation>更改验证要素</translation>
    </message>
    <message>
        <source>Verification factor removed</source>
        <translation>移除验证要素</translation>
    </message>
    <message>
        <source>Verification factor tested</source>
        <translation>测试验证要素</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>更改密码</translation>
    </message>
    <message>
        <source>PosDesk locked</source>
        <translation>锁定 POS 管家</translation>
    </message>
    <message>
        <source>PosDesk unlocked</source>
        <translation>解锁 POS 管家</translation>
    </message>
    <message>
        <source>Unlock failed</source>
        <translation>解锁失败</translation>
    </message>
    <message>
        <source>Unlock locked out</source>
        <translation>解锁尝试过多，已暂停</translation>
    </message>
    <message>
        <source>Provisioning key created</source>
        <translation>已创建开通签名密钥</translation>
    </message>
    <message>
        <source>Provisioning code made</source>
        <translation>已生成终端开通码</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>已备份</translation>
    </message>
    <message>
        <source>Restored from a backup</source>
        <translation>已从备份恢复</translation>
    </message>
    <message>
        <source>Operator verified</source>
        <translation>操作员身份验证</translation>
    </message>
    <message>
        <source>Operator checks paused</source>
        <translation>操作员确认已暂停</translation>
    </message>
    <message>
        <source>Scenario policy changed</source>
        <translation>场景策略已更改</translation>
    </message>
    <message>
        <source>Terminal handover receipt</source>
        <translation>终端交接回执</translation>
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
        <source>Payment account</source>
        <translation>支付账户</translation>
    </message>
    <message>
        <source>Verification factor</source>
        <translation>验证要素</translation>
    </message>
    <message>
        <source>Verification settings</source>
        <translation>验证设置</translation>
    </message>
    <message>
        <source>PosDesk</source>
        <translation>POS 管家</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>Activity log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Scenario policy</source>
        <translation>场景策略</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation>争议</translation>
    </message>
    <message>
        <source>Import column mapping</source>
        <translation>导入列映射</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>Transaction history chain</source>
        <translation>交易记录哈希链</translation>
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
        <translation>序列号</translation>
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
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>LimitGauge</name>
    <message>
        <source>estimate</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>Worked out by PosDesk from your account statement. The institution's own figure is authoritative.</source>
        <translation>由 POS 管家根据您的账户明细计算得出，以机构自身的数据为准。</translation>
    </message>
    <message>
        <source>from the institution</source>
        <translation>由机构提供</translation>
    </message>
    <message>
        <source>×%1 — %2</source>
        <translation>×%1 — %2</translation>
    </message>
    <message>
        <source>T1: by agreement (N/A); used %1 today</source>
        <translation>T1：按协议约定（不适用）；今日已用 %1</translation>
    </message>
    <message>
        <source>used %1 of %2, %3 left</source>
        <translation>已用 %1（共 %2），剩余 %3</translation>
    </message>
    <message>
        <source>never resets (lifetime)</source>
        <translation>不重置（开户以来累计）</translation>
    </message>
    <message>
        <source>reset time not known</source>
        <translation>重置时间未知</translation>
    </message>
    <message>
        <source>resets %1 (Beijing time)</source>
        <translation>%1 重置（北京时间）</translation>
    </message>
    <message>
        <source>limit not known</source>
        <translation>限额未知</translation>
    </message>
    <message>
        <source>used up</source>
        <translation>已用完</translation>
    </message>
    <message>
        <source>%1 % used</source>
        <translation>已用 %1%</translation>
    </message>
</context>
<context>
    <name>LimitLabels</name>
    <message>
        <source>Art. %1</source>
        <translation>第%1条</translation>
    </message>
    <message>
        <source>Class I lifetime</source>
        <translation>Ⅰ类账户累计（开户以来）</translation>
    </message>
    <message>
        <source>Class II annual</source>
        <translation>Ⅱ类账户年累计</translation>
    </message>
    <message>
        <source>Class III annual</source>
        <translation>Ⅲ类年累计</translation>
    </message>
    <message>
        <source>Daily, strongest verification (T1)</source>
        <translation>单日，最高验证等级（T1）</translation>
    </message>
    <message>
        <source>Daily, two factors (T2)</source>
        <translation>单日，两类要素（T2）</translation>
    </message>
    <message>
        <source>Daily, one factor (T3)</source>
        <translation>单日，单一要素（T3）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Your scenario policy (spec 12.4)</source>
        <translation>您的场景策略（规范 12.4）</translation>
    </message>
    <message>
        <source>T1: two categories including a certificate or e-signature</source>
        <translation>T1：两类要素，其中含数字证书或电子签名</translation>
    </message>
    <message>
        <source>T2: two categories</source>
        <translation>T2：两类要素</translation>
    </message>
    <message>
        <source>T3: fewer than two categories</source>
        <translation>T3：少于两类</translation>
    </message>
    <message>
        <source>Consume (pay a merchant)</source>
        <translation>消费（向商户付款）</translation>
    </message>
    <message>
        <source>Transfer to a payment account</source>
        <translation>转入支付账户</translation>
    </message>
    <message>
        <source>Transfer to another person's bank account</source>
        <translation>转账到他人银行账户</translation>
    </message>
    <message>
        <source>Withdraw to my own bank account</source>
        <translation>提现到本人银行账户</translation>
    </message>
    <message>
        <source>Invest</source>
        <translation>投资理财</translation>
    </message>
    <message>
        <source>Bank-funded (quick pay)</source>
        <translation>快捷支付（银行账户扣款）</translation>
    </message>
    <message>
        <source>Card present (POS reader)</source>
        <translation>有卡交易（POS 终端）</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Security question</source>
        <translation>安全问题</translation>
    </message>
    <message>
        <source>SMS code</source>
        <translation>短信验证码</translation>
    </message>
    <message>
        <source>Authenticator code</source>
        <translation>身份验证器验证码</translation>
    </message>
    <message>
        <source>Hardware token</source>
        <translation>硬件令牌</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>数字证书</translation>
    </message>
    <message>
        <source>E-signature</source>
        <translation>电子签名</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Face</source>
        <translation>人脸</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>声纹</translation>
    </message>
    <message>
        <source>Iris</source>
        <translation>虹膜</translation>
    </message>
    <message>
        <source>Trusted device</source>
        <translation>可信设备</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>允许</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Bank must verify</source>
        <translation>须由银行验证</translation>
    </message>
    <message>
        <source>Within every limit that applies.</source>
        <translation>未超出任何适用限额。</translation>
    </message>
    <message>
        <source>Over the limit: the amount is more than what is left of the binding limit.</source>
        <translation>超出限额：金额超过了起约束作用的限额的剩余额度。</translation>
    </message>
    <message>
        <source>A verification factor failed, so the payment is refused (no silent downgrade).</source>
        <translation>有验证要素未通过，因此拒绝此笔付款（不会自动降级）。</translation>
    </message>
    <message>
        <source>Transfers between a bank account and a payment account must stay with the same customer unless the institution qualifies under Art. 35 (rated A, real-name ratio over 95 %, account real-name confirmed).</source>
        <translation>银行账户与支付账户之间的转账须限于同一客户本人，除非机构符合第35条的条件（分类评级为 A 类、实名比例超过 95%、账户已实名确认）。</translation>
    </message>
    <message>
        <source>Only a Class III account may invest from its balance (Art. 11).</source>
        <translation>仅Ⅲ类账户可使用余额投资理财（第11条）。</translation>
    </message>
    <message>
        <source>A unit's transfer over ¥50,000.00 needs its purpose (Art. 14(5)).</source>
        <translation>单位客户单笔超过 ¥50,000.00 的转账须注明用途（第14条(5)）。</translation>
    </message>
    <message>
        <source>The bank must verify this payment itself: the institution may verify for it only up to ¥200.00, for fixed periodic payees, or with an Art. 37 agreement (Art. 10).</source>
        <translation>此笔支付须由银行自行验证：只有金额不超过 ¥200.00、向固定收款人定期付款，或已签订第37条协议时，机构才可代为验证（第10条）。</translation>
    </message>
    <message>
        <source>rated A and real-name ratio %1 &gt; 95% (Art. 36)</source>
        <translation>分类评级为 A 且实名比例 %1 &gt; 95%（第36条）</translation>
    </message>
    <message>
        <source>rated %1 and real-name ratio %2 &gt; 90% (Art. 36)</source>
        <translation>分类评级为 %1 且实名比例 %2 &gt; 90%（第36条）</translation>
    </message>
    <message>
        <source>rated %1 with real-name ratio %2: no multiplier</source>
        <translation>分类评级 %1，实名比例 %2：不适用倍数</translation>
    </message>
    <message>
        <source>no multiplier for a Class I account or one not real-name compliant</source>
        <translation>Ⅰ类账户或未满足实名要求的账户不适用倍数</translation>
    </message>
    <message>
        <source>no valid institution rating on this day (Art. 39)</source>
        <translation>当日机构无有效分类评级（第39条）</translation>
    </message>
    <message>
        <source>the institution's real-name ratio is not known</source>
        <translation>机构的实名比例未知</translation>
    </message>
    <message>
        <source>no multiplier applies to this limit</source>
        <translation>此限额不适用倍数</translation>
    </message>
    <message>
        <source>%1 failed verification (VF-1)</source>
        <translation>%1 验证未通过（VF-1）</translation>
    </message>
    <message>
        <source>%1 was %2 s old, over the %3 s validity (VF-1)</source>
        <translation>%1 已生成 %2 秒，超过 %3 秒的有效期（VF-1）</translation>
    </message>
    <message>
        <source>%1 arrived on the device that pays, so it does not count (VF-2)</source>
        <translation>%1 发送到了用于付款的设备上，因此不计入（VF-2）</translation>
    </message>
    <message>
        <source>%1 was released by %2, so only %2 counts (VF-3)</source>
        <translation>%1 经 %2 解锁后使用，因此只计入 %2（VF-3）</translation>
    </message>
    <message>
        <source>%1 has no anti-replay attestation, so it does not count (VF-4)</source>
        <translation>%1 没有防重放证明，因此不计入（VF-4）</translation>
    </message>
    <message>
        <source>%1 is not an Art. 22 factor unless the institution declares it</source>
        <translation>除非机构声明，否则 %1 不属于第22条规定的验证要素</translation>
    </message>
    <message>
        <source>not governed by Art. 11/24</source>
        <translation>不受第11条/第24条约束</translation>
    </message>
    <message>
        <source>unit customer: not subject to Art. 11/24</source>
        <translation>单位客户：不适用第11条、第24条</translation>
    </message>
    <message>
        <source>small amount: the institution may verify (Art. 10)</source>
        <translation>小额支付：可由机构自行验证（第10条）</translation>
    </message>
    <message>
        <source>fixed periodic payee (Art. 10)</source>
        <translation>固定周期收款方（第10条）</translation>
    </message>
    <message>
        <source>Art. 37 agreement with the bank</source>
        <translation>与银行签订的第37条协议</translation>
    </message>
    <message>
        <source>add a digital certificate: two categories including a certificate reach T1, the contractual limit (Art. 24(1))</source>
        <translation>添加数字证书：包含数字证书在内的两类要素可达到 T1，即协议约定限额（第24条(1)）</translation>
    </message>
    <message>
        <source>add a factor of another category (a password): a certificate plus a second category reaches T1 (Art. 24(1))</source>
        <translation>添加另一类验证要素（密码）：数字证书加另一类要素可达到 T1（第24条(1)）</translation>
    </message>
    <message>
        <source>add a factor of another category (e.g. authenticator codes with a password): two categories reach T2 (Art. 24(2))</source>
        <translation>添加另一类验证要素（例如密码加身份验证器动态验证码）：两类要素可达到 T2（第24条(2)）</translation>
    </message>
    <message>
        <source>enrol a password and an authenticator: two categories reach T2 (Art. 24(2))</source>
        <translation>设置密码和身份验证器：两类要素可达到 T2（第24条(2)）</translation>
    </message>
</context>
<context>
    <name>LimitUsageChart</name>
    <message>
        <source>Counted spend per day, last 30 days</source>
        <translation>近 30 天每日计入限额的支出</translation>
    </message>
    <message>
        <source>%1 to %2: %3 counted in all; the most, %4, on %5.</source>
        <translation>%1 至 %2：共计 %3；单日最高为 %4（%5）。</translation>
    </message>
    <message>
        <source>No counted balance payments in the last 30 days. Import your account statement to see them here.</source>
        <translation>最近 30 天没有计入限额的余额支付。导入账户明细后可在此查看。</translation>
    </message>
    <message>
        <source>Counted spend per day (Beijing dates), by verification tier</source>
        <translation>每日计入限额的支出（按北京时间日期），按验证等级划分</translation>
    </message>
    <message>
        <source>%1: T1 %2, T2 %3, T3 %4; %5 in all</source>
        <translation>%1：T1 %2，T2 %3，T3 %4；共 %5</translation>
    </message>
</context>
<context>
    <name>LimitsPage</name>
    <message>
        <source>Limits</source>
        <translation>限额</translation>
    </message>
    <message>
        <source>Estimates by the PBOC online-payment rules (Art. 11, 24, 36) for payments from your payment account's balance. The institution's own decision is what counts.</source>
        <translation>依据 PBOC 网络支付相关规定（第11、24、36条）对使用支付账户余额付款所作的估算，以机构的实际决定为准。</translation>
    </message>
    <message>
        <source>Enter your account profile (institution, rating, account class) with “Edit account profile…” so these limits match your account, then import your payment account statement. Until then the rules' defaults are shown: an individual with a Class II account, institution rating not known (no multiplier).</source>
        <translation>请通过“编辑账户资料…”填写账户资料（机构、分类评级、账户类别），使这些限额与您的账户相符，然后导入支付账户对账单。在此之前显示的是规则默认值：个人客户、Ⅱ类账户、机构分类评级未知（不适用倍数）。</translation>
    </message>
    <message>
        <source>&amp;Edit account profile…</source>
        <translation>编辑账户资料(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import account statement…</source>
        <translation>导入账户明细(&amp;I)…</translation>
    </message>
    <message>
        <source>The institution's statement of your payment account (CSV or Excel), with each balance payment's verification; every row is checked and nothing is recorded unless the whole file is good.</source>
        <translation>机构提供的支付账户对账单（CSV 或 Excel），含每笔余额支付的验证方式；每一行都会检查，只有整个文件无误才会记录。</translation>
    </message>
    <message>
        <source>What if I pay…</source>
        <translation>试算：如果我支付…</translation>
    </message>
    <message>
        <source>e.g. 1,000.00</source>
        <translation>例如 1,000.00</translation>
    </message>
    <message>
        <source>As&amp;k</source>
        <translation>试算(&amp;K)</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation>金额(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K)：</translation>
    </message>
    <message>
        <source>Te&amp;rminal:</source>
        <translation>终端(&amp;R)：</translation>
    </message>
    <message>
        <source>Pa&amp;yment method:</source>
        <translation>支付方式(&amp;Y)：</translation>
    </message>
    <message>
        <source>Verified with:</source>
        <translation>验证方式：</translation>
    </message>
    <message>
        <source>Enter an amount, choose how it is paid and verified, then press Ask.</source>
        <translation>请输入金额，选择支付方式和验证方式，然后点击“试算”。</translation>
    </message>
    <message>
        <source>Tier:</source>
        <translation>验证等级：</translation>
    </message>
    <message>
        <source>Binding limit:</source>
        <translation>起约束作用的限额：</translation>
    </message>
    <message>
        <source>Remaining after:</source>
        <translation>付款后剩余：</translation>
    </message>
    <message>
        <source>Most payable from balance now:</source>
        <translation>当前余额最多可支付：</translation>
    </message>
    <message>
        <source>Institution not named</source>
        <translation>未填写机构名称</translation>
    </message>
    <message>
        <source>rated %1</source>
        <translation>分类评级 %1</translation>
    </message>
    <message>
        <source> (valid %1 to %2)</source>
        <translation>（有效期 %1 至 %2）</translation>
    </message>
    <message>
        <source>, not valid today</source>
        <translation>，今天不在有效期内</translation>
    </message>
    <message>
        <source>rating not known</source>
        <translation>分类评级未知</translation>
    </message>
    <message>
        <source>real-name ratio not known</source>
        <translation>实名比例未知</translation>
    </message>
    <message>
        <source>real-name ratio %1%</source>
        <translation>实名比例 %1%</translation>
    </message>
    <message>
        <source>Class %1 account</source>
        <translation>%1类账户</translation>
    </message>
    <message>
        <source>individual</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>unit customer</source>
        <translation>单位客户</translation>
    </message>
    <message>
        <source>contract T1 not known</source>
        <translation>协议约定 T1 限额未知</translation>
    </message>
    <message>
        <source>contract T1 %1 a day</source>
        <translation>合同约定 T1 单日 %1</translation>
    </message>
    <message>
        <source>%1. A unit (company, organisation or individual business) has no balance limits under these rules; the contract with your institution may set its own.</source>
        <translation>%1。按这些规定，单位客户（公司、组织或个体工商户）没有余额支付限额；与机构签订的协议可能另有约定。</translation>
    </message>
    <message>
        <source>Over 80 % used: %1.</source>
        <translation>已使用超过 80%：%1。</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1（%2%）</translation>
    </message>
    <message>
        <source>Used up: %1.</source>
        <translation>已用完：%1。</translation>
    </message>
    <message>
        <source>Your enrolled factors verify at %1. To raise it: %2.</source>
        <translation>您已登记的验证要素可达到验证等级 %1。如需提升：%2。</translation>
    </message>
    <message>
        <source>Enter the amount in yuan, e.g. 1,000.00.</source>
        <translation>请输入金额（元），例如 1,000.00。</translation>
    </message>
    <message>
        <source>“%1” is not an amount in yuan: use digits with at most two decimals, e.g. 1,000.00.</source>
        <translation>“%1”不是有效的人民币金额：请使用最多两位小数的数字，例如 1,000.00。</translation>
    </message>
    <message>
        <source>The amount must be more than ¥0.00.</source>
        <translation>金额必须大于 ¥0.00。</translation>
    </message>
    <message>
        <source>None named (statutory rules only)</source>
        <translation>不指定（只按法定规则）</translation>
    </message>
    <message>
        <source>No balance limit of Art. 11/24 applies to this payment.</source>
        <translation>此笔支付不适用第11条、第24条规定的余额支付限额。</translation>
    </message>
    <message>
        <source>Your own scenario policy refuses it: %1.</source>
        <translation>您自设的场景策略不允许：%1。</translation>
    </message>
    <message>
        <source>You could pay %1 from the balance now and the other %2 bank-funded (quick pay).</source>
        <translation>您现在可以用余额支付 %1，其余 %2 通过快捷支付（银行账户扣款）支付。</translation>
    </message>
    <message>
        <source>An estimate at %1 (Beijing time): the institution's own decision is what counts.</source>
        <translation>截至 %1（北京时间）的估算，以机构的实际决定为准。</translation>
    </message>
    <message>
        <source>Import your payment account statement</source>
        <translation>导入支付账户对账单</translation>
    </message>
    <message>
        <source>Statements (*.csv *.xlsx *.txt);;All files (*)</source>
        <translation>对账单 (*.csv *.xlsx *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>%1: %2 payments recorded, %3 updated, %4 already known.</source>
        <translation>%1：已记录 %2 笔支付，更新 %3 笔，%4 笔已存在。</translation>
    </message>
    <message>
        <source>Nothing was recorded from %1.</source>
        <translation>未从 %1 记录任何内容。</translation>
    </message>
    <message>
        <source>Nothing was recorded.</source>
        <translation>未记录任何数据。</translation>
    </message>
    <message>
        <source>Import account statement</source>
        <translation>导入账户对账单</translation>
    </message>
    <message>
        <source>%1 could not be imported; nothing was recorded.</source>
        <translation>%1 无法导入；未记录任何内容。</translation>
    </message>
    <message>
        <source>The statement could not be imported; nothing was recorded.</source>
        <translation>无法导入该对账单，未记录任何数据。</translation>
    </message>
    <message>
        <source>%1 of the rows were refused. Correct them and import the file again:</source>
        <translation>有 %1 行被拒绝。请修正后重新导入文件：</translation>
    </message>
    <message>
        <source>%1, row %2, column “%3”: expected %4</source>
        <translation>%1，第 %2 行，“%3”列：应为 %4</translation>
    </message>
    <message>
        <source>… and %1 more.</source>
        <translation>…另有 %1 条。</translation>
    </message>
</context>
<context>
    <name>LockControl</name>
    <message>
        <source>Nothing to lock with</source>
        <translation>没有可用的锁定方式</translation>
    </message>
    <message>
        <source>Set a password on the Verification page first: PosDesk then asks for it when it starts, after being idle, and when you lock it.</source>
        <translation>请先在“验证”页面设置密码：之后 POS 管家会在启动时、闲置一段时间后以及您锁定时要求输入密码。</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>PosDesk is locked</source>
        <translation>POS 管家已锁定</translation>
    </message>
    <message>
        <source>Enter your password, press Unlock, then touch the fingerprint reader.</source>
        <translation>请输入密码，点击“解锁”，然后按指纹识别器。</translation>
    </message>
    <message>
        <source>Enter your password and the %1-digit code from your authenticator app to continue.</source>
        <translation>请输入密码和身份验证器应用中的 %1 位验证码以继续。</translation>
    </message>
    <message>
        <source>Enter your password to continue.</source>
        <translation>请输入密码以继续。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>%1 digits</source>
        <translation>%1 位</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>一次性验证码</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>One-time &amp;code:</source>
        <translation>动态验证码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Enter the %1-digit code from your authenticator app.</source>
        <translation>请输入身份验证器应用中的 %1 位验证码。</translation>
    </message>
    <message>
        <source>Touch the fingerprint reader now…</source>
        <translation>请现在按指纹识别器…</translation>
    </message>
    <message>
        <source>The fingerprint reader was not touched; press Unlock to try again.</source>
        <translation>没有按指纹识别器；请点击“解锁”重试。</translation>
    </message>
    <message>
        <source>The fingerprint could not be checked: %1</source>
        <translation>无法验证指纹：%1</translation>
    </message>
    <message>
        <source>The password could not be checked: %1</source>
        <translation>无法校验密码：%1</translation>
    </message>
    <message>
        <source>The password or the fingerprint is not correct.</source>
        <translation>密码或指纹不正确。</translation>
    </message>
    <message>
        <source>The password or the code is not correct.</source>
        <translation>密码或验证码不正确。</translation>
    </message>
    <message>
        <source>The password is not correct.</source>
        <translation>密码不正确。</translation>
    </message>
    <message>
        <source>Attempts left before a pause: %1.</source>
        <translation>暂停前剩余尝试次数：%1。</translation>
    </message>
    <message>
        <source>Too many failed attempts. Try again in %1.</source>
        <translation>失败次数过多，请在 %1 后重试。</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>现在可以重试了。</translation>
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
        <source>Limits</source>
        <translation>限额</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>验证</translation>
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
        <source>&amp;Lock PosDesk</source>
        <translation>锁定 POS 管家(&amp;L)</translation>
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
    <name>OperatorCheck</name>
    <message>
        <source>Change a scenario policy</source>
        <translation>修改场景策略</translation>
    </message>
    <message>
        <source>Change the account profile</source>
        <translation>修改账户资料</translation>
    </message>
    <message>
        <source>Export transactions</source>
        <translation>导出交易</translation>
    </message>
    <message>
        <source>Remove old activity entries</source>
        <translation>删除旧的操作日志条目</translation>
    </message>
</context>
<context>
    <name>OperatorCheckDialog</name>
    <message>
        <source>Confirm it is you</source>
        <translation>确认是您本人</translation>
    </message>
    <message>
        <source>“%1” is a high-risk change. Confirm it with your password and a second factor of another kind; the confirmation is recorded in the operation log.</source>
        <translation>“%1”是高风险操作。请用密码和另一类验证要素确认；确认结果会记入操作日志。</translation>
    </message>
    <message>
        <source>6-digit code</source>
        <translation>6 位验证码</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>一次性验证码</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>验证码(&amp;C)：</translation>
    </message>
    <message>
        <source>PosDesk signs a random challenge with this certificate's key; nothing to type.</source>
        <translation>POS 管家会用此证书的私钥对随机挑战签名，无需输入。</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Second factor:</source>
        <translation>第二要素(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>确认(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Press Confirm, then touch %1.</source>
        <translation>请点击“确认”，然后按 %1。</translation>
    </message>
    <message>
        <source>the fingerprint reader</source>
        <translation>指纹识别器</translation>
    </message>
    <message>
        <source>Touch the fingerprint reader now…</source>
        <translation>请现在按指纹识别器…</translation>
    </message>
    <message>
        <source>Too many wrong attempts. Try again in %1 s; nothing changed.</source>
        <translation>错误次数过多，请 %1 秒后再试；未做任何更改。</translation>
    </message>
    <message>
        <source>The fingerprint reader was not touched in time; nothing changed. Press Confirm to try again.</source>
        <translation>未在规定时间内按指纹识别器，未做任何更改。请点击“确认”重试。</translation>
    </message>
    <message>
        <source>The password is not right.</source>
        <translation>密码不正确。</translation>
    </message>
    <message>
        <source>That finger does not match one enrolled on this computer.</source>
        <translation>该手指与本机录入的指纹不匹配。</translation>
    </message>
    <message>
        <source>The second factor did not confirm it. For a code, wait for the next one and type it.</source>
        <translation>第二要素未能确认。如使用验证码，请等待下一个验证码后再输入。</translation>
    </message>
    <message>
        <source>Wrong attempts left before a pause: %1.</source>
        <translation>暂停前还可再错 %1 次。</translation>
    </message>
    <message>
        <source>Too many wrong attempts: these checks pause for a while.</source>
        <translation>错误次数过多：此项确认暂停一段时间。</translation>
    </message>
</context>
<context>
    <name>OplogEntryDialog</name>
    <message>
        <source>Activity entry %1</source>
        <translation>操作记录 %1</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>&amp;Details:</source>
        <translation>详情(&amp;D)：</translation>
    </message>
    <message>
        <source>Previous entry's hash:</source>
        <translation>前一条记录的哈希值：</translation>
    </message>
    <message>
        <source>This entry's hash:</source>
        <translation>本条记录的哈希值：</translation>
    </message>
    <message>
        <source>Each entry's hash covers its fields and the previous entry's hash, so a change anywhere breaks the chain from there. Secrets and card numbers are never recorded.</source>
        <translation>每条记录的哈希值覆盖其全部字段及前一条记录的哈希值，任何改动都会使链条从该处断开。密码、密钥和卡号从不记录。</translation>
    </message>
    <message>
        <source>Entry number:</source>
        <translation>记录编号：</translation>
    </message>
    <message>
        <source>Time (Beijing):</source>
        <translation>时间（北京）：</translation>
    </message>
    <message>
        <source>Takes effect (Beijing):</source>
        <translation>生效时间（北京）：</translation>
    </message>
    <message>
        <source>Operation:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>对象：</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <source>By:</source>
        <translation>操作人：</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Verified with:</source>
        <translation>验证方式：</translation>
    </message>
    <message>
        <source>Kept at least until:</source>
        <translation>至少保存至：</translation>
    </message>
    <message>
        <source>no step-up verification</source>
        <translation>未进行增强验证</translation>
    </message>
</context>
<context>
    <name>OplogFilterBar</name>
    <message>
        <source>Period</source>
        <translation>时间段</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <source>Chosen days</source>
        <translation>自选日期</translation>
    </message>
    <message>
        <source>First day (Beijing time)</source>
        <translation>开始日期（北京时间）</translation>
    </message>
    <message>
        <source>Last day (Beijing time)</source>
        <translation>结束日期（北京时间）</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>All operations</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>全部结果</translation>
    </message>
    <message>
        <source>Target type</source>
        <translation>对象类型</translation>
    </message>
    <message>
        <source>All targets</source>
        <translation>全部对象</translation>
    </message>
    <message>
        <source>Target ID, exactly</source>
        <translation>对象编号（精确匹配）</translation>
    </message>
    <message>
        <source>Target ID</source>
        <translation>对象编号</translation>
    </message>
    <message>
        <source>Search operation, target, person, details…</source>
        <translation>搜索操作、对象、操作人、详情…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>&amp;Reset filters</source>
        <translation>重置筛选(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>时间(&amp;W)：</translation>
    </message>
    <message>
        <source>O&amp;peration:</source>
        <translation>操作(&amp;P)：</translation>
    </message>
    <message>
        <source>Res&amp;ult:</source>
        <translation>结果(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>对象(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>OplogModel</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
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
    <name>OplogPurgeDialog</name>
    <message>
        <source>Remove old activity entries</source>
        <translation>删除旧的操作日志条目</translation>
    </message>
    <message>
        <source>Every entry is kept at least %1 years from the day it takes effect, as the regulation requires. Only entries past that day can be removed, oldest first; what stays still verifies.</source>
        <translation>按监管要求，每条记录自生效之日起至少保存 %1 年。只有超过期限的记录才能清理，且从最早的开始；保留的记录仍可校验。</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>清理(&amp;R)…</translation>
    </message>
    <message>
        <source>%1 entries from %2 to %3 (Beijing time) are past their %4-year retention and can be removed.</source>
        <translation>%2 至 %3（北京时间）的 %1 条记录已超过 %4 年保存期限，可以清理。</translation>
    </message>
    <message>
        <source>Nothing is old enough to remove yet. The oldest entry must be kept until %1.</source>
        <translation>目前没有可清理的记录。最早的一条须保存至 %1。</translation>
    </message>
    <message>
        <source>The activity log is empty: there is nothing to remove.</source>
        <translation>操作日志为空，没有可清理的记录。</translation>
    </message>
    <message>
        <source>%1 other entries are past their retention too but stay for now: an entry that must be kept longer comes before them in the tamper-evident chain.</source>
        <translation>另有 %1 条记录虽已超过保存期限，但暂时保留：在防篡改链中，它们之前有一条须保存更久的记录。</translation>
    </message>
    <message>
        <source>Checking the log's integrity, then removing…</source>
        <translation>正在校验日志完整性，然后清理…</translation>
    </message>
    <message>
        <source>Remove %1 activity entries from %2 to %3 for good? This cannot be undone. Export them first if an auditor may ask for them.</source>
        <translation>永久清理 %2 至 %3 的 %1 条操作记录？此操作无法撤销。如审计可能需要，请先导出。</translation>
    </message>
    <message>
        <source>%1 entries were removed. The rest still verify, and the removal itself is recorded in the log.</source>
        <translation>已清理 %1 条记录。其余记录仍可校验，本次清理也已记入日志。</translation>
    </message>
    <message>
        <source>Nothing was removed: the activity log fails its integrity check at entry %1, and removing entries would hide the evidence. Use Verify integrity on the Activity page.</source>
        <translation>未清理任何记录：操作日志在第 %1 条未通过完整性校验，清理会掩盖证据。请在操作日志页面使用“校验完整性”。</translation>
    </message>
    <message>
        <source>Nothing was removed: the log changed meanwhile. Check the numbers above and try again.</source>
        <translation>未清理任何记录：日志在此期间发生了变化。请核对上方数字后重试。</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>更改密码</translation>
    </message>
    <message>
        <source>Set a password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>Your password is the knowledge factor you use with your institution, and it also locks PosDesk. Use at least %1 characters; a passphrase of %2 or more words and characters is easiest to remember. PosDesk keeps only a salted hash of it, in this computer's keyring.</source>
        <translation>密码是您在机构使用的知识类验证要素，同时也用于锁定 POS 管家。请至少使用 %1 个字符；由 %2 个或更多字词组成的密码短语最容易记住。POS 管家只在本机的系统密钥环中保存其加盐哈希值。</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>Password strength</source>
        <translation>密码强度</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>当前密码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>强度：</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>再次输入(&amp;R)：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The two new passwords are not the same.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>Both match.</source>
        <translation>两次输入一致。</translation>
    </message>
    <message>
        <source>Very weak</source>
        <translation>非常弱</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>弱</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>中等</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>强</translation>
    </message>
    <message>
        <source>Very strong</source>
        <translation>很强</translation>
    </message>
    <message>
        <source>%1: not accepted</source>
        <translation>%1：不符合要求</translation>
    </message>
    <message>
        <source>It is too short: %1 characters, at least %2 are needed.</source>
        <translation>密码太短：只有 %1 个字符，至少需要 %2 个。</translation>
    </message>
    <message>
        <source>It uses only one kind of character: mix letters with digits or symbols, or use a passphrase of %1 or more characters.</source>
        <translation>只使用了一种字符：请将字母与数字或符号混合使用，或使用 %1 个或更多字符的密码短语。</translation>
    </message>
    <message>
        <source>It contains only digits.</source>
        <translation>只含有数字。</translation>
    </message>
    <message>
        <source>It is one of the most commonly used passwords.</source>
        <translation>这是最常用的密码之一。</translation>
    </message>
    <message>
        <source>It is a commonly used password with digits or symbols added.</source>
        <translation>它只是在常用密码上加了数字或符号。</translation>
    </message>
    <message>
        <source>It repeats the same character or pattern.</source>
        <translation>重复使用了相同的字符或模式。</translation>
    </message>
    <message>
        <source>It is a run of consecutive characters (like 1234 or abcd).</source>
        <translation>这是一串连续字符（如 1234 或 abcd）。</translation>
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
    <name>ProvisioningDialog</name>
    <message>
        <source>Provision a terminal</source>
        <translation>开通终端</translation>
    </message>
    <message>
        <source>Make a signed code that sets a terminal up for this merchant. Show it to the terminal's camera or print it. It works once, on that terminal only, until it expires, and carries no password or key.</source>
        <translation>生成一个为本商户设置终端的签名码。让终端摄像头扫描屏幕或打印出来。它只能在该终端上使用一次，过期即失效，且不含任何密码或密钥。</translation>
    </message>
    <message>
        <source>&amp;Batch from CSV…</source>
        <translation>从 CSV 批量生成(&amp;B)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;Terminal ID:</source>
        <translation>终端号(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Merchant ID:</source>
        <translation>商户号(&amp;M)：</translation>
    </message>
    <message>
        <source>Merchant &amp;name:</source>
        <translation>商户名称(&amp;N)：</translation>
    </message>
    <message>
        <source>MC&amp;C:</source>
        <translation>商户类别码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Acquirer:</source>
        <translation>收单机构(&amp;A)：</translation>
    </message>
    <message>
        <source>Payment &amp;licence no.:</source>
        <translation>支付业务许可证号(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>T&amp;echnician ID:</source>
        <translation>技术员编号(&amp;E)：</translation>
    </message>
    <message>
        <source>tls://pos.acquirer.cn:8443</source>
        <translation>tls://pos.acquirer.cn:8443</translation>
    </message>
    <message>
        <source>One per line: KEY=VALUE</source>
        <translation>每行一个：名称=值</translation>
    </message>
    <message>
        <source>&amp;Parameters:</source>
        <translation>参数(&amp;P)：</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>&amp;Valid for:</source>
        <translation>有效期(&amp;V)：</translation>
    </message>
    <message>
        <source>Ma&amp;ke code</source>
        <translation>生成开通码(&amp;K)</translation>
    </message>
    <message>
        <source>Provisioning code for the terminal's camera</source>
        <translation>供终端摄像头扫描的开通码</translation>
    </message>
    <message>
        <source>Save PN&amp;G…</source>
        <translation>保存 PNG(&amp;G)…</translation>
    </message>
    <message>
        <source>Save &amp;SVG…</source>
        <translation>保存 SVG(&amp;S)…</translation>
    </message>
    <message>
        <source>Save P&amp;DF…</source>
        <translation>保存 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Each parameter line is KEY=VALUE, for example heartbeat_s=30.</source>
        <translation>每行参数的格式为 名称=值，例如 heartbeat_s=30。</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <source>PDF sheet (*.pdf)</source>
        <translation>PDF 打印页 (*.pdf)</translation>
    </message>
    <message>
        <source>Save the code</source>
        <translation>保存开通码</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>Terminals to provision</source>
        <translation>要开通的终端</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Save the sheet</source>
        <translation>保存打印页</translation>
    </message>
    <message>
        <source>Nothing was made: %1</source>
        <translation>未生成任何开通码：%1</translation>
    </message>
    <message>
        <source>%1 codes saved on the sheet %2.</source>
        <translation>已将 %1 个开通码保存到打印页 %2。</translation>
    </message>
    <message>
        <source>No code yet.</source>
        <translation>尚未生成开通码。</translation>
    </message>
    <message>
        <source>Handed over: the terminal reported the code applied at %1 (technician %2). The receipt is in the activity log.</source>
        <translation>已交接：终端报告已于 %1 应用该开通码（技术员 %2）。交接回执已记入操作日志。</translation>
    </message>
    <message>
        <source>The code expired. Make a new one.</source>
        <translation>开通码已过期，请重新生成。</translation>
    </message>
    <message>
        <source>Valid for %1 more; waiting for the terminal's report.</source>
        <translation>还可使用 %1；正在等待终端报告。</translation>
    </message>
    <message>
        <source>%1: please fill this in.</source>
        <translation>%1：请填写此项。</translation>
    </message>
    <message>
        <source>%1: give HOST:PORT or tls://HOST:PORT, without a user name or password.</source>
        <translation>%1：请填写 主机:端口 或 tls://主机:端口，不得包含用户名或密码。</translation>
    </message>
    <message>
        <source>%1: too long.</source>
        <translation>%1：内容过长。</translation>
    </message>
    <message>
        <source>Parameter %2 names a secret (a key, PIN, password or token); secrets never go into a code.</source>
        <translation>参数 %2 的名称表示机密信息（密钥、PIN、密码或令牌）；机密信息绝不能放入开通码。</translation>
    </message>
    <message>
        <source>Parameter %2 looks like a card number, which never goes into a code.</source>
        <translation>参数 %2 看起来像卡号；卡号绝不能放入开通码。</translation>
    </message>
    <message>
        <source>At most 20 parameters fit in a code.</source>
        <translation>一个开通码最多容纳 20 个参数。</translation>
    </message>
    <message>
        <source>Valid for: from 1 minute to 7 days.</source>
        <translation>有效期：1 分钟至 7 天。</translation>
    </message>
    <message>
        <source>1 to 16 letters or digits</source>
        <translation>1 至 16 位字母或数字</translation>
    </message>
    <message>
        <source>1 to 20 letters or digits</source>
        <translation>1 至 20 位字母或数字</translation>
    </message>
    <message>
        <source>4 digits</source>
        <translation>4 位数字</translation>
    </message>
    <message>
        <source>letters, digits or hyphens</source>
        <translation>字母、数字或连字符</translation>
    </message>
    <message>
        <source>Parameter %2: a name is lower-case letters, digits and _; a value is at most 64 characters.</source>
        <translation>参数 %2：名称由小写字母、数字和 _ 组成；值最多 64 个字符。</translation>
    </message>
    <message>
        <source>%1: not in the expected form (%3).</source>
        <translation>%1：格式不正确（应为%3）。</translation>
    </message>
</context>
<context>
    <name>ProvisioningSheet</name>
    <message>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <source>MCC</source>
        <translation>商户类别码</translation>
    </message>
    <message>
        <source>Acquirer</source>
        <translation>收单机构</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>%1 (Beijing time)</source>
        <translation>%1（北京时间）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>PosDesk provisioning codes</source>
        <translation>POS 管家终端开通码</translation>
    </message>
    <message>
        <source>PosDesk field provisioning — page %1 of %2</source>
        <translation>POS 管家现场开通 — 第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>Each code works once, on the terminal named beside it, until the time shown. Destroy this sheet after the visit.</source>
        <translation>每个开通码只能在旁边注明的终端上使用一次，并在所示时间前有效。上门完成后请销毁本页。</translation>
    </message>
    <message>
        <source>Terminal %1</source>
        <translation>终端 %1</translation>
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
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Made:</source>
        <translation>创建于：</translation>
    </message>
    <message>
        <source>%1 (Beijing time) by PosDesk %2</source>
        <translation>%1（北京时间），PosDesk %2</translation>
    </message>
    <message>
        <source>Transactions:</source>
        <translation>交易：</translation>
    </message>
    <message>
        <source>Activity-log entries:</source>
        <translation>操作日志条目：</translation>
    </message>
    <message>
        <source>Terminals:</source>
        <translation>终端：</translation>
    </message>
    <message>
        <source>Restoring replaces the data in %1 with this backup. The backup is checked first; if anything in it is damaged, nothing changes. The current data is not deleted: it is kept beside it under a new name. PosDesk closes and reopens the profile.</source>
        <translation>恢复会用此备份替换 %1 中的数据。恢复前会先检查备份；如有任何损坏，则不做任何更改。当前数据不会被删除，而是以新名称保留在原处。PosDesk 会关闭并重新打开该档案。</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>选择备份</translation>
    </message>
    <message>
        <source>PosDesk backups (*%1);;All files (*)</source>
        <translation>PosDesk 备份 (*%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Restored: %1 transactions and %2 activity-log entries from the backup made %3.</source>
        <translation>已恢复：来自 %3 创建的备份，%1 笔交易和 %2 条操作日志。</translation>
    </message>
    <message>
        <source>The data it replaced is kept as %1.</source>
        <translation>被替换的数据保留为 %1。</translation>
    </message>
    <message>
        <source>Secrets are never in backups. Set these up again on the Verification page: %1.</source>
        <translation>备份中从不包含密钥和密码。请在“验证”页重新设置：%1。</translation>
    </message>
    <message>
        <source>Pair these terminals again on this computer: %1.</source>
        <translation>请在本机重新配对这些终端：%1。</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
</context>
<context>
    <name>ScenarioControlsBox</name>
    <message>
        <source>Scenario controls</source>
        <translation>场景管控</translation>
    </message>
    <message>
        <source>No scenario policies yet. Add one to flag transactions outside your opening hours, above a cap you choose, or of a type a terminal should not take (for example: the delivery reader only 07:00–22:00, refunds at most ¥200).</source>
        <translation>还没有场景策略。添加一条后，超出营业时间、超过您设定的上限或终端不应受理的交易类型都会被标记（例如：外送机只在 07:00–22:00 使用，退款每笔不超过 ¥200）。</translation>
    </message>
    <message>
        <source>Scenario policies</source>
        <translation>场景策略</translation>
    </message>
    <message>
        <source>&amp;New policy…</source>
        <translation>新建策略(&amp;N)…</translation>
    </message>
    <message>
        <source>C&amp;hange…</source>
        <translation>修改(&amp;H)…</translation>
    </message>
    <message>
        <source>Switch o&amp;ff</source>
        <translation>停用(&amp;F)</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>删除(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Token…</source>
        <translation>令牌(&amp;T)…</translation>
    </message>
    <message>
        <source>The payment token the acquirer or issuer gave for this scenario: bind or revoke</source>
        <translation>收单机构或发卡机构为此场景发放的支付令牌：绑定或注销</translation>
    </message>
    <message>
        <source>Show &amp;flagged transactions</source>
        <translation>查看被标记的交易(&amp;F)</translation>
    </message>
    <message>
        <source>Your own rules per terminal, payment method or transaction type, checked in addition to the statutory limits above. Flagged today: %1 · last 30 days: %2.</source>
        <translation>您按终端、支付方式或交易类型自设的规则，在上面的法定限额之外另行检查。今日标记：%1 笔 · 近 30 天：%2 笔。</translation>
    </message>
    <message>
        <source>Switch o&amp;n</source>
        <translation>启用(&amp;N)</translation>
    </message>
    <message>
        <source>Remove scenario policy</source>
        <translation>删除场景策略</translation>
    </message>
    <message>
        <source>Remove “%1”? It stops judging new transactions; the transactions it flagged stay flagged, and the change is logged.</source>
        <translation>删除“%1”？它将不再检查新交易；已标记的交易仍保留标记，此次变更会记入操作日志。</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Saving and checking transactions…</source>
        <translation>正在保存并检查交易…</translation>
    </message>
    <message>
        <source>Scenario policy not saved</source>
        <translation>场景策略未保存</translation>
    </message>
</context>
<context>
    <name>ScenarioLabels</name>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Transaction type</source>
        <translation>交易类型</translation>
    </message>
    <message>
        <source>outside its time windows</source>
        <translation>不在允许的时段内</translation>
    </message>
    <message>
        <source>a transaction type it does not allow</source>
        <translation>交易类型不在允许范围内</translation>
    </message>
    <message>
        <source>over its per-transaction cap</source>
        <translation>超过单笔上限</translation>
    </message>
    <message>
        <source>over its daily cap</source>
        <translation>超过单日上限</translation>
    </message>
    <message>
        <source>after its payment token was revoked</source>
        <translation>在其支付令牌注销之后</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>(next day)</source>
        <translation>（次日）</translation>
    </message>
    <message>
        <source>starting %1</source>
        <translation>于%1开始</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>任何时间</translation>
    </message>
    <message>
        <source>at most %1 each</source>
        <translation>每笔不超过 %1</translation>
    </message>
    <message>
        <source>at most %1 a day</source>
        <translation>每日不超过 %1</translation>
    </message>
    <message>
        <source>only %1</source>
        <translation>仅限%1</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Acquirer</source>
        <translation>收单机构</translation>
    </message>
    <message>
        <source>Card issuer</source>
        <translation>发卡机构</translation>
    </message>
    <message>
        <source>%1 revoked</source>
        <translation>%1 已注销</translation>
    </message>
    <message>
        <source>Token %1 from the %2, bound %3: in use.</source>
        <translation>令牌 %1，由%2发放，%3 绑定：使用中。</translation>
    </message>
    <message>
        <source>Token %1 from the %2, bound %3, revoked %4.</source>
        <translation>令牌 %1，由%2发放，%3 绑定，%4 注销。</translation>
    </message>
    <message>
        <source>%1 Reason: %2</source>
        <translation>%1原因：%2</translation>
    </message>
</context>
<context>
    <name>ScenarioPolicyDialog</name>
    <message>
        <source>Change a scenario policy</source>
        <translation>修改场景策略</translation>
    </message>
    <message>
        <source>New scenario policy</source>
        <translation>新建场景策略</translation>
    </message>
    <message>
        <source>Your own rules for when and how much a terminal, a payment method or a transaction type may be used. Transactions outside them are flagged in the history and counted on the Limits page; the statutory limits still apply.</source>
        <translation>您自己规定某台终端、某种支付方式或某类交易在什么时间可用、可用多少。超出规则的交易会在交易记录中被标记，并在“限额”页计数；法定限额照常适用。</translation>
    </message>
    <message>
        <source>&amp;Switched on</source>
        <translation>已启用(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Covers:</source>
        <translation>适用于(&amp;C)：</translation>
    </message>
    <message>
        <source>Per &amp;transaction:</source>
        <translation>单笔(&amp;T)：</translation>
    </message>
    <message>
        <source>Per &amp;day (Beijing):</source>
        <translation>单日（北京时间）(&amp;D)：</translation>
    </message>
    <message>
        <source>Also check &amp;past transactions from</source>
        <translation>同时检查以往交易，起始日期(&amp;P)</translation>
    </message>
    <message>
        <source>Changes apply from now; transactions before stay judged by the rules they met.</source>
        <translation>修改自现在起生效；此前的交易仍按当时的规则判断。</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Caps (none ticked: no cap)</source>
        <translation>上限（均不勾选：不设上限）</translation>
    </message>
    <message>
        <source>Only these types (none ticked: every type)</source>
        <translation>仅限以下类型（均不勾选：所有类型）</translation>
    </message>
    <message>
        <source>e.g. 2,000</source>
        <translation>例如 2,000</translation>
    </message>
    <message>
        <source>at most ¥</source>
        <translation>不超过 ¥</translation>
    </message>
    <message>
        <source>Allowed times, Beijing time (none: any time)</source>
        <translation>允许的时段，北京时间（不设：任何时间）</translation>
    </message>
    <message>
        <source>Allowed times</source>
        <translation>允许的时段</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>至</translation>
    </message>
    <message>
        <source>&amp;Add time</source>
        <translation>添加时段(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove time</source>
        <translation>删除时段(&amp;R)</translation>
    </message>
    <message>
        <source>until</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Tick the days it starts on (none: every day). An end before the start runs past midnight: 22:00 until 06:00.</source>
        <translation>勾选时段开始的星期（均不勾选：每天）。结束早于开始表示跨过午夜：22:00 至 06:00。</translation>
    </message>
    <message>
        <source>A time needs an end different from its start.</source>
        <translation>时段的结束时间不能与开始时间相同。</translation>
    </message>
    <message>
        <source>Any time of day</source>
        <translation>全天任何时间</translation>
    </message>
    <message>
        <source>Give the policy a name.</source>
        <translation>请为策略命名。</translation>
    </message>
    <message>
        <source>Another policy already has this name.</source>
        <translation>已有同名策略。</translation>
    </message>
    <message>
        <source>Choose what the policy covers. A terminal appears here once it is paired or has transactions.</source>
        <translation>请选择策略适用的对象。终端配对或有交易后会出现在这里。</translation>
    </message>
    <message>
        <source>The per-transaction cap must be more than ¥0.00 and not more than the daily cap.</source>
        <translation>单笔上限必须大于 ¥0.00，且不超过单日上限。</translation>
    </message>
    <message>
        <source>The daily cap must be more than ¥0.00.</source>
        <translation>单日上限必须大于 ¥0.00。</translation>
    </message>
    <message>
        <source>The per-transaction cap is not an amount; write it like 500 or 1,200.50.</source>
        <translation>单笔上限不是有效金额，请写成 500 或 1,200.50 这样的格式。</translation>
    </message>
    <message>
        <source>The daily cap is not an amount; write it like 500 or 1,200.50.</source>
        <translation>单日上限不是有效金额，请写成 500 或 1,200.50 这样的格式。</translation>
    </message>
</context>
<context>
    <name>ScenarioTokenDialog</name>
    <message>
        <source>Payment token for “%1”</source>
        <translation>“%1”的支付令牌</translation>
    </message>
    <message>
        <source>The token your acquirer or issuer gave for this scenario: one card binding with the bank, a token per scenario. PosDesk keeps the token reference, never a card number. Revoking it blocks this scenario only: its transactions from then on are flagged as refused, and other scenarios keep working.</source>
        <translation>收单机构或发卡机构为此场景发放的令牌：在银行统一绑卡，每个场景一个令牌。PosDesk 只保存令牌编号，从不保存卡号。注销令牌只停用这一个场景：此后该场景的交易都会被标记为拒绝，其他场景照常使用。</translation>
    </message>
    <message>
        <source>&amp;Revoke token…</source>
        <translation>注销令牌(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Bind token</source>
        <translation>绑定令牌(&amp;B)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>No token is bound to this scenario yet.</source>
        <translation>此场景尚未绑定令牌。</translation>
    </message>
    <message>
        <source>This scenario is blocked: its transactions are flagged as refused until a new token is bound.</source>
        <translation>此场景已停用：在绑定新令牌之前，它的交易都会被标记为拒绝。</translation>
    </message>
    <message>
        <source>for example UPTK-8842-COUNTER</source>
        <translation>例如 UPTK-8842-COUNTER</translation>
    </message>
    <message>
        <source>Token reference</source>
        <translation>令牌编号</translation>
    </message>
    <message>
        <source>&amp;Token reference:</source>
        <translation>令牌编号(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Given by:</source>
        <translation>发放机构(&amp;G)：</translation>
    </message>
    <message>
        <source>for example: the reader was stolen</source>
        <translation>例如：读卡器被盗</translation>
    </message>
    <message>
        <source>&amp;Reason (for the log):</source>
        <translation>原因（记入日志）(&amp;R)：</translation>
    </message>
    <message>
        <source>That looks like a card number, so it was not kept and the field was cleared. Enter the token reference your acquirer or issuer gave for this scenario; PosDesk never stores a card number.</source>
        <translation>这看起来是卡号，因此没有保存，输入框已清空。请输入收单机构或发卡机构为此场景发放的令牌编号；PosDesk 从不保存卡号。</translation>
    </message>
    <message>
        <source>Enter the token as 6 to 64 letters, digits or . _ : / + = - without spaces, starting with a letter or digit.</source>
        <translation>令牌须为 6 到 64 个字母、数字或 . _ : / + = -，不含空格，并以字母或数字开头。</translation>
    </message>
    <message>
        <source>This token was bound before, to this or another scenario, and a token is never bound twice. Ask the acquirer or issuer for a new one.</source>
        <translation>此令牌以前已绑定过（本场景或其他场景），同一令牌不能绑定两次。请向收单机构或发卡机构申请新令牌。</translation>
    </message>
    <message>
        <source>Revoke payment token</source>
        <translation>注销支付令牌</translation>
    </message>
    <message>
        <source>Revoke token %1 of “%2”? From now every transaction of this scenario is flagged as refused until a new token is bound, and this token can never be bound again. Other scenarios are not affected.</source>
        <translation>注销“%2”的令牌 %1？从现在起，在绑定新令牌之前，此场景的每笔交易都会被标记为拒绝，且此令牌永远不能再次绑定。其他场景不受影响。</translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation>注销(&amp;R)</translation>
    </message>
</context>
<context>
    <name>ScenariosModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Covers</source>
        <translation>适用于</translation>
    </message>
    <message>
        <source>Allows</source>
        <translation>允许</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Flagged (30 days)</source>
        <translation>标记（30 天）</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>停用</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Language, old transactions, backups, and what PosDesk found on this computer.</source>
        <translation>语言、旧交易、备份，以及 PosDesk 在本机检测到的情况。</translation>
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
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>One file with your transactions, activity log, terminals and settings. Passwords and keys are not in it.</source>
        <translation>一个文件包含交易记录、操作日志、终端和设置。不含密码和密钥。</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)…</translation>
    </message>
    <message>
        <source>R&amp;estore from a backup…</source>
        <translation>从备份恢复(&amp;E)…</translation>
    </message>
    <message>
        <source>Back up &amp;automatically every day into</source>
        <translation>每天自动备份(&amp;A)到</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <source> kept</source>
        <translation> 份保留</translation>
    </message>
    <message>
        <source>Automatic backups kept</source>
        <translation>保留的自动备份份数</translation>
    </message>
    <message>
        <source>Folder for automatic backups</source>
        <translation>自动备份文件夹</translation>
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
        <source>The damaged file is kept as %1. PosDesk starts with a new profile.</source>
        <translation>损坏的文件已保留为 %1。PosDesk 将使用新档案启动。</translation>
    </message>
    <message>
        <source>Checking and restoring the backup…</source>
        <translation>正在检查并恢复备份…</translation>
    </message>
    <message>
        <source>Creating the demo: a year of transactions…</source>
        <translation>正在创建演示数据：一年的交易记录…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>PosDesk</source>
        <translation>POS 管家</translation>
    </message>
    <message>
        <source>The disk is full, so this was not done and nothing was changed. Free some space and try again.</source>
        <translation>磁盘已满，本次操作未执行，数据没有任何改动。请释放一些空间后重试。</translation>
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
        <source>%1 is damaged: SQLite cannot read it. It was not changed.</source>
        <translation>%1 已损坏，SQLite 无法读取。文件未被更改。</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of PosDesk. Update PosDesk to open it; nothing was changed.</source>
        <translation>%1 由更新版本的 POS 管家写入。请升级 POS 管家后再打开；未做任何修改。</translation>
    </message>
    <message>
        <source>%1 is not a PosDesk backup (or it was cut short); nothing was changed.</source>
        <translation>%1 不是 PosDesk 备份（或文件不完整）；未做任何更改。</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>There is no PosDesk data in %1 to back up.</source>
        <translation>%1 中没有可备份的 PosDesk 数据。</translation>
    </message>
    <message>
        <source>%1 was made by a newer version of PosDesk. Update PosDesk to restore it; nothing was changed.</source>
        <translation>%1 由更新版本的 PosDesk 生成。请先升级 PosDesk 再恢复；未做任何更改。</translation>
    </message>
    <message>
        <source>%1 is damaged and cannot be restored; nothing was changed. Try an older backup.</source>
        <translation>%1 已损坏，无法恢复；未做任何更改。请尝试较早的备份。</translation>
    </message>
    <message>
        <source>The records in %1 do not verify: it was changed after it was made, so it was not restored and nothing was changed. Try an older backup.</source>
        <translation>%1 中的记录校验未通过：该备份在生成后被改动过，因此未恢复，也未做任何更改。请尝试较早的备份。</translation>
    </message>
    <message>
        <source>There is not enough space in %1; nothing was written there. Free some space or choose another folder.</source>
        <translation>%1 空间不足；未在其中写入任何内容。请释放空间或选择其他文件夹。</translation>
    </message>
    <message>
        <source>PosDesk may not write in %1. Choose another folder.</source>
        <translation>PosDesk 无权写入 %1。请选择其他文件夹。</translation>
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
        <source>Another program on this computer, or another computer, is using the terminal. Close that program or unplug the terminal from the other computer, then try again.</source>
        <translation>本机上的其他程序或另一台电脑正在使用该终端。请关闭那个程序，或从另一台电脑上拔下终端，然后重试。</translation>
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
        <source>Pro&amp;vision…</source>
        <translation>开通(&amp;V)…</translation>
    </message>
    <message>
        <source>Make a signed, short-lived QR code that sets up a terminal on site</source>
        <translation>生成带签名、短时有效的二维码，用于现场开通终端</translation>
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
        <source>%1 was disconnected.</source>
        <translation>%1 已断开连接。</translation>
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
        <source>Paired card and QR readers. Status comes from a heartbeat every 30 seconds, and a cable pulled or plugged back in is noticed within seconds; a terminal that comes back is synced at once.</source>
        <translation>已配对的刷卡和扫码终端。状态来自每 30 秒一次的心跳；拔出或重新插上数据线几秒内即可察觉；重新连接的终端会立即同步。</translation>
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
    <name>TotpDialog</name>
    <message>
        <source>Add an authenticator</source>
        <translation>添加身份验证器</translation>
    </message>
    <message>
        <source>An authenticator app (such as Google Authenticator, Microsoft Authenticator or FreeOTP) shows a new %1-digit code every %2 seconds. It is a possession factor: together with your password it gives two categories.</source>
        <translation>身份验证器应用（如 Google Authenticator、Microsoft Authenticator 或 FreeOTP）每 %2 秒显示一个新的 %1 位动态验证码。它属于持有物类要素：与密码一起即构成两类要素。</translation>
    </message>
    <message>
        <source>Authenticator app</source>
        <translation>身份验证器应用</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Codes &amp;arrive on:</source>
        <translation>验证码接收设备(&amp;A)：</translation>
    </message>
    <message>
        <source>QR code to scan with your authenticator app</source>
        <translation>供身份验证器应用扫描的二维码</translation>
    </message>
    <message>
        <source>&lt;b&gt;1.&lt;/b&gt; In the app, add an account and scan this code.</source>
        <translation>&lt;b&gt;1.&lt;/b&gt; 在应用中添加账户并扫描此二维码。</translation>
    </message>
    <message>
        <source>&lt;b&gt;2.&lt;/b&gt; Cannot scan? Type this key instead (time-based, %1 digits, every %2 seconds):</source>
        <translation>&lt;b&gt;2.&lt;/b&gt; 无法扫码？请改为手动输入此密钥（基于时间，%1 位，每 %2 秒更新）：</translation>
    </message>
    <message>
        <source>Key for typing into the authenticator app</source>
        <translation>供手动输入身份验证器应用的密钥</translation>
    </message>
    <message>
        <source>&lt;b&gt;3.&lt;/b&gt; Type the code the app shows now:</source>
        <translation>&lt;b&gt;3.&lt;/b&gt; 输入应用当前显示的验证码：</translation>
    </message>
    <message>
        <source>%1 digits</source>
        <translation>%1 位</translation>
    </message>
    <message>
        <source>Code from the authenticator app</source>
        <translation>身份验证器应用生成的动态验证码</translation>
    </message>
    <message>
        <source>&amp;Activate</source>
        <translation>启用(&amp;A)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Type the %1-digit code the app shows now.</source>
        <translation>请输入应用当前显示的 %1 位验证码。</translation>
    </message>
    <message>
        <source>You make payments on %1 too, so codes that arrive there do not count as a separate factor (Art. 23). Use a device you do not pay from.</source>
        <translation>您也在 %1 上付款，因此发送到该设备的验证码不能算作独立的验证要素（第23条）。请使用不用于付款的设备。</translation>
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
    <message>
        <source>%1 · outside a scenario policy (see its details)</source>
        <translation>%1 · 超出场景策略（见详情）</translation>
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
        <source>No flagged transactions in these days.
Scenario policies on the Limits page flag transactions outside their times, caps or types.</source>
        <translation>这段日期内没有被标记的交易。
“限额”页的场景策略会标记超出其时段、上限或类型的交易。</translation>
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
        <source>Outside your scenario policies</source>
        <translation>超出您的场景策略</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>“%1”：%2</translation>
    </message>
    <message>
        <source>Policies are set on the Limits page.</source>
        <translation>策略在“限额”页设置。</translation>
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
        <translation>商户类别码</translation>
    </message>
    <message>
        <source>Merchant category code</source>
        <translation>商户类别码</translation>
    </message>
    <message>
        <source>&amp;Flagged only</source>
        <translation>仅看被标记的(&amp;F)</translation>
    </message>
    <message>
        <source>Only transactions outside a scenario policy: a time window, a cap or an allowed type set on the Limits page</source>
        <translation>只显示超出场景策略的交易：即超出“限额”页设置的时段、上限或允许类型</translation>
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
    <name>VerificationPage</name>
    <message>
        <source>Verification</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>The factors you use with your payment institution. Their categories (knowledge, possession, inherence) decide your verification tier, and the tier decides your daily limits.</source>
        <translation>您在支付机构使用的验证要素。要素类别（知识类、持有物类、生物特征类）决定您的验证等级，验证等级决定您的单日限额。</translation>
    </message>
    <message>
        <source>Your verification tier</source>
        <translation>您的验证等级</translation>
    </message>
    <message>
        <source>Set &amp;password…</source>
        <translation>设置密码(&amp;P)…</translation>
    </message>
    <message>
        <source>Add &amp;authenticator…</source>
        <translation>添加身份验证器(&amp;A)…</translation>
    </message>
    <message>
        <source>Import &amp;certificate…</source>
        <translation>导入证书(&amp;C)…</translation>
    </message>
    <message>
        <source>Add &amp;institution factor…</source>
        <translation>添加机构验证要素(&amp;I)…</translation>
    </message>
    <message>
        <source>Add &amp;fingerprint or face…</source>
        <translation>添加指纹或人脸(&amp;F)…</translation>
    </message>
    <message>
        <source>Verification factors</source>
        <translation>验证要素</translation>
    </message>
    <message>
        <source>No factors yet: add your password first — it also locks PosDesk.</source>
        <translation>尚无验证要素：请先添加密码——它也用于锁定 POS 管家。</translation>
    </message>
    <message>
        <source>&amp;Test…</source>
        <translation>测试(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重命名(&amp;R)…</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>删除(&amp;M)…</translation>
    </message>
    <message>
        <source>One-time codes that arrive on the device you pay from do not count (Art. 23).</source>
        <translation>发送到付款设备上的动态验证码不计入（第23条）。</translation>
    </message>
    <message>
        <source>after %1 minutes</source>
        <translation>%1 分钟后</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Paying and unlocking</source>
        <translation>付款与解锁</translation>
    </message>
    <message>
        <source>Payments are &amp;made on:</source>
        <translation>付款设备(&amp;M)：</translation>
    </message>
    <message>
        <source>Lock when &amp;idle:</source>
        <translation>闲置时锁定(&amp;I)：</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Together these give tier %1: %2</source>
        <translation>以上要素合计达到验证等级 %1：%2</translation>
    </message>
    <message>
        <source>No factors yet: tier %1</source>
        <translation>尚未添加验证要素：验证等级 %1</translation>
    </message>
    <message>
        <source>“%1” expired on %2: a payment verified with it fails (VF-1). Import its renewal and remove this one.</source>
        <translation>“%1”已于 %2 过期：用它验证的支付将失败（VF-1）。请导入续期后的新版本并移除此项。</translation>
    </message>
    <message>
        <source>No, the password is enough</source>
        <translation>否，只需密码</translation>
    </message>
    <message>
        <source>Yes: a code from %1</source>
        <translation>是：需要 %1 上的动态验证码</translation>
    </message>
    <message>
        <source>Set a password first: it is what locks PosDesk.</source>
        <translation>请先设置密码：锁定 POS 管家需要用到它。</translation>
    </message>
    <message>
        <source>&amp;Unlock also asks for:</source>
        <translation>解锁时还需要(&amp;U)：</translation>
    </message>
    <message>
        <source>A touch of the fingerprint reader (%1)</source>
        <translation>按指纹识别器（%1）</translation>
    </message>
    <message>
        <source>Add an authenticator or this computer's fingerprint reader to ask for it as well.</source>
        <translation>添加身份验证器或本机的指纹识别器后，即可在解锁时一并要求。</translation>
    </message>
    <message>
        <source>With a second step, whoever unlocks PosDesk needs the authenticator's device or an enrolled finger as well as the password.</source>
        <translation>启用第二步后，解锁 POS 管家时除了密码，还需要身份验证器所在的设备或已录入的手指。</translation>
    </message>
    <message>
        <source>Your institution tests this factor when you pay.</source>
        <translation>您付款时，由机构验证此要素。</translation>
    </message>
    <message>
        <source>Remove factor</source>
        <translation>移除验证要素</translation>
    </message>
    <message>
        <source>Remove “%1” (%2)?</source>
        <translation>移除“%1”（%2）？</translation>
    </message>
    <message>
        <source>PosDesk will then open without asking for a password, and your tier will no longer include knowledge.</source>
        <translation>之后打开 POS 管家将不再要求输入密码，您的验证等级也将不再包含知识类要素。</translation>
    </message>
    <message>
        <source>PosDesk forgets its secret from the keyring; to use it again you will have to add it again.</source>
        <translation>POS 管家会从系统密钥环中删除其密钥；以后要再次使用，需要重新添加。</translation>
    </message>
    <message>
        <source>It stays registered with your institution; PosDesk just stops counting it here.</source>
        <translation>它在您的机构仍保持登记状态；POS 管家只是不再在此计入它。</translation>
    </message>
    <message>
        <source>Unlocking will no longer ask for a touch of the fingerprint reader.</source>
        <translation>解锁时将不再要求按指纹识别器。</translation>
    </message>
    <message>
        <source>Unlocking will no longer ask for its code.</source>
        <translation>解锁时将不再要求输入其验证码。</translation>
    </message>
    <message>
        <source>Remove password</source>
        <translation>移除密码</translation>
    </message>
    <message>
        <source>Type the current password to remove “%1”:</source>
        <translation>请输入当前密码以移除“%1”：</translation>
    </message>
    <message>
        <source>Rename factor</source>
        <translation>重命名验证要素</translation>
    </message>
    <message>
        <source>New name for “%1”:</source>
        <translation>“%1”的新名称：</translation>
    </message>
    <message>
        <source>Fingerprint or face</source>
        <translation>指纹或人脸</translation>
    </message>
    <message>
        <source>If you registered a fingerprint or your face with your institution (in its app or at a branch), you can record that here. PosDesk stores nothing biometric.</source>
        <translation>如果您已在机构登记了指纹或人脸（通过其 App 或在网点），可以在此记录。POS 管家不保存任何生物特征数据。</translation>
    </message>
    <message>
        <source>Record it as an institution factor…</source>
        <translation>记录为机构保存的验证要素…</translation>
    </message>
    <message>
        <source>The password was changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <source>The password was set. It also locks PosDesk.</source>
        <translation>密码已设置，它也用于锁定 POS 管家。</translation>
    </message>
    <message>
        <source>“%1” was added.</source>
        <translation>已添加“%1”。</translation>
    </message>
    <message>
        <source>“%1” was imported.</source>
        <translation>已导入“%1”。</translation>
    </message>
    <message>
        <source>Looking for this computer's fingerprint reader…</source>
        <translation>正在查找本机的指纹识别器…</translation>
    </message>
    <message>
        <source>This computer's fingerprint reader is already one of your factors; select it to test it.</source>
        <translation>本机的指纹识别器已是您的验证要素之一；选中它即可测试。</translation>
    </message>
    <message>
        <source>No fingerprint or face was recorded.</source>
        <translation>未录入指纹或人脸。</translation>
    </message>
    <message>
        <source>“%1” was added: PosDesk can now ask for your fingerprint.</source>
        <translation>已添加“%1”：POS 管家现在可以要求验证您的指纹。</translation>
    </message>
    <message>
        <source>“%1” was tested: %2.</source>
        <translation>已测试“%1”：%2。</translation>
    </message>
    <message>
        <source>Renamed to “%1”.</source>
        <translation>已重命名为“%1”。</translation>
    </message>
    <message>
        <source>“%1” was removed.</source>
        <translation>已移除“%1”。</translation>
    </message>
    <message>
        <source>Payments are made on %1.</source>
        <translation>在 %1 上进行付款。</translation>
    </message>
    <message>
        <source>after %1 seconds</source>
        <translation>%1 秒后</translation>
    </message>
    <message>
        <source>PosDesk now locks after %1 minutes without use.</source>
        <translation>POS 管家将在 %1 分钟无操作后自动锁定。</translation>
    </message>
    <message>
        <source>PosDesk no longer locks by itself; lock it with Ctrl+L.</source>
        <translation>POS 管家不再自动锁定；可按 Ctrl+L 手动锁定。</translation>
    </message>
    <message>
        <source>Unlocking now also asks for a touch of the fingerprint reader.</source>
        <translation>现在解锁时还需要按指纹识别器。</translation>
    </message>
    <message>
        <source>Unlocking now also asks for an authenticator code.</source>
        <translation>解锁时现在还需输入身份验证器验证码。</translation>
    </message>
    <message>
        <source>Unlocking now asks for the password only.</source>
        <translation>现在解锁只需输入密码。</translation>
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