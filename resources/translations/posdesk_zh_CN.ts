<?xml version="1.0" encoding="utf-8"?>
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
        <source>Transactions recorded</source>
        <translation>写入交易记录</translation>
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Navigation</source>
        <translation>导航</translation>
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
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Language, and what PosDesk found on this computer.</source>
        <translation>界面语言，以及 POS 管家在本机检测到的情况。</translation>
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
        <source>The system keyring is locked. Unlock it (sign in to your desktop or unlock the &apos;Login&apos; keyring) and restart PosDesk; until then pairing and passwords are off.</source>
        <translation>系统密钥环已锁定。请解锁（登录桌面或解锁&quot;登录&quot;密钥环）后重新启动 POS 管家；在此之前配对和密码功能已停用。</translation>
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
        <source>%1 was written by a newer version of PosDesk. Update PosDesk to open it; nothing was changed.</source>
        <translation>%1 由更新版本的 POS 管家写入。请升级 POS 管家后再打开；未做任何修改。</translation>
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
        <source>%1 transactions from %2 to %3 (Beijing time), newest first.</source>
        <translation>%2 至 %3（北京时间）共 %1 笔交易，最新的在前。</translation>
    </message>
    <message>
        <source>No transactions in the last year yet.
They appear here when a paired terminal syncs or when you import an acquirer statement.</source>
        <translation>最近一年还没有交易记录。
已配对终端同步或导入收单机构对账单后，交易会显示在这里。</translation>
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
