"""Write schemas/*.schema.json from the models (run after changing timeline/models.py)."""

from __future__ import annotations

from pathlib import Path

from timeline.api import schema_text
from timeline.schemas import SCHEMAS

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    for name in SCHEMAS:
        path = ROOT / "schemas" / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
