"""`posdesk bench` runs end to end on a small N and reports every figure the issue names."""

from __future__ import annotations

import json

KEYS = {"rows", "import_rows_per_s", "raw_rows_per_s", "import_ratio", "open_view_ms",
        "page_ms_p95", "filtered_page_ms", "search_ms", "totals_ms", "scroll_frame_p95_ms",
        "jump_p95_ms", "peak_rss_mb", "db_size_mib", "limit_check_ms", "limit_check_raw_sum_ms",
        "limit_check_ratio"}


def test_bench_prints_one_json_object_with_every_figure(posdesk) -> None:
    done = posdesk("bench", "--rows", "3000", "--days", "30", "--json", check=True)
    figures = json.loads(done.stdout)
    assert set(figures) >= KEYS, KEYS - set(figures)
    assert figures["rows"] == 3000 and 0 < figures["year_rows"] <= 3000
    assert 0 < figures["import_ratio"] < 5
    assert all(isinstance(figures[k], int | float) and figures[k] >= 0 for k in KEYS)
