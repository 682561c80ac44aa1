"""Fill empty Welsh msgstrs from the fragment files in web/translations/fragments/.

Fragments are where translations are written and reviewed area by area; the catalog is what
Babel compiles. An entry already translated in the catalog is never overwritten.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "web/translations/cy/LC_MESSAGES/messages.po"
FRAGMENTS = ROOT / "web/translations/fragments"


def main() -> int:
    with CATALOG.open("rb") as fh:
        catalog = read_po(fh, locale="cy")
    known = {}
    for path in sorted(FRAGMENTS.glob("*.po")):
        with path.open("rb") as fh:
            for msg in read_po(fh, locale="cy"):
                if msg.id and msg.string:
                    known.setdefault(
                        (msg.context, msg.id if isinstance(msg.id, str) else msg.id[0]), msg.string
                    )
    filled = missing = 0
    for msg in catalog:
        if not msg.id:
            continue
        key = (msg.context, msg.id if isinstance(msg.id, str) else msg.id[0])
        empty = not msg.string or (isinstance(msg.string, tuple) and not all(msg.string))
        if empty and key in known:
            msg.string = known[key]
            filled += 1
        elif empty:
            missing += 1
            print(f"untranslated: {key[1]!r}" + (f" [{key[0]}]" if key[0] else ""))
        msg.flags.discard("fuzzy")
    with CATALOG.open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False, sort_output=False, ignore_obsolete=True)
    print(f"filled {filled}, still untranslated {missing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
