"""Terminal status from heartbeats (spec 12.3, vector P04)."""

from __future__ import annotations

HEARTBEAT_S = 30
ONLINE, DEGRADED, OFFLINE = "ONLINE", "DEGRADED", "OFFLINE"
BLOCKED, UPDATING, RETIRED = "BLOCKED", "UPDATING", "RETIRED"
STICKY = (BLOCKED, UPDATING, RETIRED)   # set by decisions, not by heartbeats


def status_from_heartbeat(last_seen_utc_ms: int | None, now_utc_ms: int,
                          heartbeat_s: int = HEARTBEAT_S) -> str:
    """ONLINE up to 2 heartbeats of silence, DEGRADED up to 3, OFFLINE beyond."""
    if last_seen_utc_ms is None:
        return OFFLINE
    silent_ms = now_utc_ms - last_seen_utc_ms
    if silent_ms <= 2 * heartbeat_s * 1000:
        return ONLINE
    if silent_ms <= 3 * heartbeat_s * 1000:
        return DEGRADED
    return OFFLINE


def effective_status(stored: str, last_seen_utc_ms: int | None, now_utc_ms: int) -> str:
    """A blocked, updating or retired terminal stays so; one whose link just failed is
    OFFLINE until it answers again; otherwise the time since its last heartbeat decides."""
    if stored in STICKY or stored == OFFLINE:
        return stored
    return status_from_heartbeat(last_seen_utc_ms, now_utc_ms)
