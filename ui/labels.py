"""Translated display names for the codes stored in the database.

Each string is a literal inside QCoreApplication.translate so pyside6-lupdate finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def txn_type(code: str) -> str:
    names = {
        "SALE": QCoreApplication.translate("Labels", "Sale"),
        "REFUND": QCoreApplication.translate("Labels", "Refund"),
        "VOID": QCoreApplication.translate("Labels", "Void"),
        "PREAUTH": QCoreApplication.translate("Labels", "Pre-authorisation"),
        "PREAUTH_COMPLETE": QCoreApplication.translate("Labels", "Pre-auth completion"),
    }
    return names.get(code, code)


def channel(code: str) -> str:
    names = {
        "CARD": QCoreApplication.translate("Labels", "Card"),
        "NFC": QCoreApplication.translate("Labels", "Contactless"),
        "QR": QCoreApplication.translate("Labels", "QR code"),
    }
    return names.get(code, code)


def scheme(code: str | None) -> str:
    if not code:
        return ""
    names = {
        "WECHAT_PAY": QCoreApplication.translate("Labels", "WeChat Pay"),
        "ALIPAY": QCoreApplication.translate("Labels", "Alipay"),
        "UNIONPAY": QCoreApplication.translate("Labels", "UnionPay"),
        "UNIONPAY_QR": QCoreApplication.translate("Labels", "UnionPay QR"),
        "VISA": "Visa",
        "MASTERCARD": "Mastercard",
    }
    return names.get(code, code)


def status(code: str) -> str:
    names = {
        "SUCCEEDED": QCoreApplication.translate("Labels", "Succeeded"),
        "PENDING": QCoreApplication.translate("Labels", "Pending"),
        "FAILED": QCoreApplication.translate("Labels", "Failed"),
        "CANCELLED": QCoreApplication.translate("Labels", "Cancelled"),
    }
    return names.get(code, code)


def op_type(code: str) -> str:
    names = {
        "LOGIN": QCoreApplication.translate("Labels", "Signed in"),
        "LOGOUT": QCoreApplication.translate("Labels", "Signed out"),
        "DEMO_CREATED": QCoreApplication.translate("Labels", "Demo profile created"),
        "SETTINGS_CHANGED": QCoreApplication.translate("Labels", "Settings changed"),
        "SENSITIVE_DATA_BLOCKED": QCoreApplication.translate("Labels", "Card data refused"),
        "INTEGRITY_CHECK_FAILED": QCoreApplication.translate("Labels", "Integrity check failed"),
        "TERMINAL_ADDED": QCoreApplication.translate("Labels", "Terminal added"),
        "TERMINAL_PAIR": QCoreApplication.translate("Labels", "Terminal paired"),
        "TERMINAL_UNPAIR": QCoreApplication.translate("Labels", "Terminal unpaired"),
        "TERMINAL_BLOCK": QCoreApplication.translate("Labels", "Terminal blocked"),
        "TERMINAL_UNBLOCK": QCoreApplication.translate("Labels", "Terminal unblocked"),
        "TERMINAL_SYNC": QCoreApplication.translate("Labels", "Terminal synced"),
        "TERMINAL_CONFIG": QCoreApplication.translate("Labels", "Terminal parameters pushed"),
        "POLICY_UPDATED": QCoreApplication.translate("Labels", "Model policy updated"),
        "POLICY_KEY_TRUSTED": QCoreApplication.translate("Labels", "Signing key trusted"),
        "TRANSACTIONS_WRITTEN": QCoreApplication.translate("Labels", "Transactions recorded"),
        "TRANSACTIONS_IMPORTED": QCoreApplication.translate("Labels", "Statement imported"),
        "DATA_EXPORT": QCoreApplication.translate("Labels", "Data exported"),
        "DISPUTE": QCoreApplication.translate("Labels", "Dispute updated"),
        "IMPORT_MAPPING_SAVED": QCoreApplication.translate("Labels", "Import mapping saved"),
        "TRANSACTIONS_PURGED": QCoreApplication.translate("Labels", "Old transactions purged"),
        "OPLOG_PURGED": QCoreApplication.translate("Labels", "Old activity entries removed"),
        "SENSITIVE_DATA_SCAN": QCoreApplication.translate("Labels", "Scanned for card data"),
        "ACCOUNT_PAYMENTS_RECORDED": QCoreApplication.translate(
            "Labels", "Account payments recorded"),
        "LIMIT_PROFILE_CHANGED": QCoreApplication.translate("Labels", "Account profile changed"),
        "FACTOR_ENROLLED": QCoreApplication.translate("Labels", "Verification factor added"),
        "FACTOR_CHANGED": QCoreApplication.translate("Labels", "Verification factor changed"),
        "FACTOR_REMOVED": QCoreApplication.translate("Labels", "Verification factor removed"),
        "FACTOR_TESTED": QCoreApplication.translate("Labels", "Verification factor tested"),
        "PASSWORD_CHANGED": QCoreApplication.translate("Labels", "Password changed"),
        "APP_LOCKED": QCoreApplication.translate("Labels", "PosDesk locked"),
        "APP_UNLOCKED": QCoreApplication.translate("Labels", "PosDesk unlocked"),
        "UNLOCK_FAILED": QCoreApplication.translate("Labels", "Unlock failed"),
        "UNLOCK_LOCKOUT": QCoreApplication.translate("Labels", "Unlock locked out"),
        "PROVISIONING_KEY_CREATED": QCoreApplication.translate(
            "Labels", "Provisioning key created"),
        "PROVISIONING_ISSUED": QCoreApplication.translate("Labels", "Provisioning code made"),
        "BACKUP_CREATED": QCoreApplication.translate("Labels", "Backup made"),
        "BACKUP_RESTORED": QCoreApplication.translate("Labels", "Restored from a backup"),
        "OPERATOR_VERIFIED": QCoreApplication.translate("Labels", "Operator verified"),
        "OPERATOR_LOCKOUT": QCoreApplication.translate("Labels", "Operator checks paused"),
        "SCENARIO_POLICY_CHANGED": QCoreApplication.translate("Labels",
                                                              "Scenario policy changed"),
        "HANDOVER_RECEIPT": QCoreApplication.translate("Labels", "Terminal handover receipt"),
    }
    return names.get(code, code)


def result(code: str) -> str:
    names = {
        "SUCCESS": QCoreApplication.translate("Labels", "Success"),
        "FAIL": QCoreApplication.translate("Labels", "Failed"),
        "PENDING": QCoreApplication.translate("Labels", "Pending"),
    }
    return names.get(code, code)


def target_type(code: str | None) -> str:
    if not code:
        return ""
    names = {
        "profile": QCoreApplication.translate("Labels", "Profile"),
        "terminal": QCoreApplication.translate("Labels", "Terminal"),
        "demo": QCoreApplication.translate("Labels", "Demo data"),
        "import": QCoreApplication.translate("Labels", "Import"),
        "sync": QCoreApplication.translate("Labels", "Terminal sync"),
        "source": QCoreApplication.translate("Labels", "Data source"),
        "policy": QCoreApplication.translate("Labels", "Model policy"),
        "key": QCoreApplication.translate("Labels", "Signing key"),
        "account": QCoreApplication.translate("Labels", "Payment account"),
        "factor": QCoreApplication.translate("Labels", "Verification factor"),
        "factors": QCoreApplication.translate("Labels", "Verification settings"),
        "app": QCoreApplication.translate("Labels", "PosDesk"),
        "setting": QCoreApplication.translate("Labels", "Setting"),
        "oplog": QCoreApplication.translate("Labels", "Activity log"),
        "file": QCoreApplication.translate("Labels", "File"),
        "scenario_policy": QCoreApplication.translate("Labels", "Scenario policy"),
        "operation": QCoreApplication.translate("Labels", "Operation"),
        "dispute": QCoreApplication.translate("Labels", "Dispute"),
        "import_mapping": QCoreApplication.translate("Labels", "Import column mapping"),
        "txn": QCoreApplication.translate("Labels", "Transaction"),
        "txn_chain": QCoreApplication.translate("Labels", "Transaction history chain"),
    }
    return names.get(code, code)


def terminal_type(code: str) -> str:
    names = {
        "ESIGN_POS": QCoreApplication.translate("Labels", "E-signature POS"),
        "TRADITIONAL_POS": QCoreApplication.translate("Labels", "Traditional POS"),
        "SMART_POS": QCoreApplication.translate("Labels", "Smart POS"),
        "MPOS_BT": QCoreApplication.translate("Labels", "Bluetooth card reader"),
        "PHONE_POS": QCoreApplication.translate("Labels", "Phone POS"),
        "USB_PINPAD": QCoreApplication.translate("Labels", "USB PIN pad"),
    }
    return names.get(code, code)


def capability(code: str) -> str:
    names = {
        "MAGSTRIPE": QCoreApplication.translate("Labels", "Magnetic stripe"),
        "EMV_CONTACT": QCoreApplication.translate("Labels", "Chip card"),
        "CONTACTLESS_NFC": QCoreApplication.translate("Labels", "Contactless (NFC)"),
        "QR_SCAN": QCoreApplication.translate("Labels", "Scans QR codes"),
        "QR_DISPLAY": QCoreApplication.translate("Labels", "Shows QR codes"),
        "E_SIGNATURE": QCoreApplication.translate("Labels", "E-signature"),
        "PIN_PAD_PTS": QCoreApplication.translate("Labels", "PCI PTS PIN pad"),
        "PRINTER": QCoreApplication.translate("Labels", "Printer"),
        "ESIM_CELLULAR": QCoreApplication.translate("Labels", "eSIM cellular"),
        "WIFI": QCoreApplication.translate("Labels", "Wi-Fi"),
    }
    return names.get(code, code)


def terminal_status(code: str) -> str:
    names = {
        "ONLINE": QCoreApplication.translate("Labels", "Online"),
        "DEGRADED": QCoreApplication.translate("Labels", "Degraded"),
        "OFFLINE": QCoreApplication.translate("Labels", "Offline"),
        "BLOCKED": QCoreApplication.translate("Labels", "Blocked"),
        "UPDATING": QCoreApplication.translate("Labels", "Updating"),
        "RETIRED": QCoreApplication.translate("Labels", "Unpaired"),
    }
    return names.get(code, code)


def transport(code: str) -> str:
    names = {
        "usb": "USB",
        "serial": QCoreApplication.translate("Labels", "Serial"),
        "sim-usb": QCoreApplication.translate("Labels", "USB (simulated)"),
        "ble": QCoreApplication.translate("Labels", "Bluetooth LE"),
        "rfcomm": QCoreApplication.translate("Labels", "Bluetooth"),
    }
    return names.get(code, code)


def dispute_type(code: str) -> str:
    names = {
        "ERROR_DISPUTE": QCoreApplication.translate("Labels", "Error dispute"),
        "COMPLAINT": QCoreApplication.translate("Labels", "Complaint"),
    }
    return names.get(code, code)


def dispute_status(code: str) -> str:
    names = {
        "OPEN": QCoreApplication.translate("Labels", "Open"),
        "SUBMITTED_TO_INSTITUTION": QCoreApplication.translate("Labels",
                                                               "Submitted to the institution"),
        "AWAITING_INFO": QCoreApplication.translate("Labels", "Awaiting information"),
        "RESOLVED": QCoreApplication.translate("Labels", "Resolved"),
        "REJECTED": QCoreApplication.translate("Labels", "Rejected"),
    }
    return names.get(code, code)


def dispute_channel(code: str) -> str:
    names = {
        "ACQUIRER_HOTLINE": QCoreApplication.translate("Labels", "Acquirer hotline"),
        "ACQUIRER_WEBSITE": QCoreApplication.translate("Labels", "Acquirer website"),
        "INSTITUTION_APP": QCoreApplication.translate("Labels", "Institution app"),
        "IN_PERSON": QCoreApplication.translate("Labels", "In person"),
        "OTHER": QCoreApplication.translate("Labels", "Other"),
    }
    return names.get(code, code)


def txn_field(name: str) -> str:
    """The spec 7.1 column names as a merchant reads them."""
    names = {
        "channel": QCoreApplication.translate("Labels", "Payment channel"),
        "terminal_or_interface_type": QCoreApplication.translate("Labels",
                                                                 "Terminal or interface type"),
        "terminal_id": QCoreApplication.translate("Labels", "Terminal ID"),
        "txn_type": QCoreApplication.translate("Labels", "Transaction type"),
        "status": QCoreApplication.translate("Labels", "Status"),
        "amount_fen": QCoreApplication.translate("Labels", "Amount"),
        "currency": QCoreApplication.translate("Labels", "Currency"),
        "ts_utc_ms": QCoreApplication.translate("Labels", "Time (Beijing)"),
        "cn_date": QCoreApplication.translate("Labels", "Business date"),
        "merchant_name": QCoreApplication.translate("Labels", "Merchant name"),
        "merchant_code": QCoreApplication.translate("Labels", "Merchant code"),
        "mcc": QCoreApplication.translate("Labels", "Merchant category (MCC)"),
        "scheme": QCoreApplication.translate("Labels", "Scheme"),
        "payer_name_masked": QCoreApplication.translate("Labels", "Payer name"),
        "payer_account_masked": QCoreApplication.translate("Labels", "Payer account"),
        "payer_bank_name": QCoreApplication.translate("Labels", "Payer bank"),
        "payee_name": QCoreApplication.translate("Labels", "Payee name"),
        "payee_account_masked": QCoreApplication.translate("Labels", "Payee account"),
        "payee_bank_name": QCoreApplication.translate("Labels", "Payee bank"),
        "verification_tier": QCoreApplication.translate("Labels", "Verification tier"),
        "factor_categories": QCoreApplication.translate("Labels", "Factor categories"),
        "auth_code": QCoreApplication.translate("Labels", "Authorisation code"),
        "auth_ref": QCoreApplication.translate("Labels", "Authorisation reference"),
        "trace_id": QCoreApplication.translate("Labels", "Trace ID"),
        "rrn": QCoreApplication.translate("Labels", "Reference number (RRN)"),
        "batch_no": QCoreApplication.translate("Labels", "Batch number"),
        "voucher_no": QCoreApplication.translate("Labels", "Voucher number"),
        "app_txn_uuid": QCoreApplication.translate("Labels", "PosDesk record ID"),
        "purpose": QCoreApplication.translate("Labels", "Purpose"),
        "memo": QCoreApplication.translate("Labels", "Memo"),
        "card": QCoreApplication.translate("Labels", "Card"),
    }
    return names.get(name, name)


def art14_item(number: int) -> str:
    names = {
        1: QCoreApplication.translate("Labels", "Channel, terminal, amount, time and merchant"),
        2: QCoreApplication.translate("Labels", "Payer and payee"),
        3: QCoreApplication.translate("Labels", "Verification and authorisation"),
        4: QCoreApplication.translate("Labels", "Identifiers for tracing"),
        5: QCoreApplication.translate("Labels", "Purpose (unit transfers over ¥50,000)"),
    }
    return names.get(number, str(number))


def source_kind(code: str) -> str:
    names = {
        "SYNC": QCoreApplication.translate("Labels", "Synced from terminal"),
        "IMPORT": QCoreApplication.translate("Labels", "Imported statement"),
        "DEMO": QCoreApplication.translate("Labels", "Demo data"),
    }
    return names.get(code, code)


def joined(items: list[str]) -> str:
    """A list as a sentence lists it: "a, b, c" in English, "a、b、c" in Chinese."""
    return QCoreApplication.translate("Labels", ", ").join(items)
