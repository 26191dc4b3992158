"""Time to make PDFs: a filled 60-item checklist (goal < 300 ms) and a pack of every guide (goal < 5 s).

Measured in-process, the way the app and ``coopguide print`` make them: build the print document
from the content and a dossier's progress, lay it out, paint it into a PDF in memory (QPdfWriter) and
write the file. Qt is started and the fonts registered before timing (once per process, not per PDF).
Medians of RUNS runs (the pack: of max(3, RUNS // 5) runs).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/print_pdf.py [RUNS]
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coopguide.core.content import cache as content_cache
from coopguide.core.printout.layout import checklist_document
from coopguide.core.printout.pack import pack_document
from coopguide.core.shared import paths
from coopguide.core.store.progress import DONE, NOT_APPLICABLE, ItemProgress, resolve
from coopguide.printing.output import ensure_application, write_pdf
from tests.print.conftest import long_checklist_content


def timed(make) -> tuple[float, object]:
    start = time.perf_counter()
    result = make()
    return time.perf_counter() - start, result


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    ensure_application()
    out = Path(tempfile.mkdtemp(prefix="coopguide-bench-print-"))
    today = dt.date(2026, 11, 30)

    content, checklist = long_checklist_content(60)
    states = (DONE, NOT_APPLICABLE, "", DONE)
    rows = [
        ItemProgress(
            item.id,
            states[n % 4],
            "2026-11-20T10:00:00+01:00" if states[n % 4] else "",
            "Aïcha" if states[n % 4] else "",
            "Voir la banque, apport de 1 200 €" if n % 3 == 0 else "",
            "2026-12-15" if n % 5 == 0 else "",
            "Léa" if n % 5 == 0 else "",
        )
        for n, item in enumerate(checklist.items)
    ]
    progress = resolve(rows, content)

    def filled():
        document = checklist_document(checklist, content, progress, "Menuiserie Dupont", today)
        return write_pdf(document, out / "remplie-60.pdf")

    filled()  # warm-up: first font use, first layouts
    checklist_times, result = [], None
    for _ in range(runs):
        elapsed, result = timed(filled)
        checklist_times.append(elapsed)

    loaded = content_cache.build(paths.content_dir())
    guides = [g.id for theme in loaded.content.themes for g in loaded.content.guides_of_theme(theme.id)]

    def pack():
        document = pack_document(guides, loaded.content, loaded.html, None, "", "Tous les guides", today=today)
        return write_pdf(document, out / "tous-les-guides.pdf")

    pack_times, pack_result = [], None
    for _ in range(max(3, runs // 5)):
        elapsed, pack_result = timed(pack)
        pack_times.append(elapsed)

    checklist_median, pack_median = statistics.median(checklist_times), statistics.median(pack_times)
    print(
        f"filled 60-item checklist → PDF: median {checklist_median * 1000:7.1f} ms over {len(checklist_times)} runs "
        f"({result.page_count} pages; goal < 300 ms: {'met' if checklist_median < 0.3 else 'NOT met'})"
    )
    print(
        f"pack of all {len(guides)} guides → PDF: median {pack_median * 1000:7.1f} ms over {len(pack_times)} runs "
        f"({pack_result.page_count} pages; goal < 5 s: {'met' if pack_median < 5 else 'NOT met'})"
    )
    print(f"files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
