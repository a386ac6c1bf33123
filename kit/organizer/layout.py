"""Where things are in a kit checkout: tracks, solutions, challenges, mentor sessions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kit.errors import KitError
from kit.i18n import messages

__all__ = ["KitLayout"]

MSG = messages(
    "layout",
    {
        "unknown_track": (
            "No existe el track {unknown} en solutions/. Tracks: {known}.",
            "No track {unknown} in solutions/. Tracks: {known}.",
        ),
    },
)


@dataclass(frozen=True)
class KitLayout:
    """The folders of a kit checkout (a copy with the same layout works the same)."""

    root: Path

    @classmethod
    def find(cls, start: Path | str | None = None) -> KitLayout:
        """The checkout containing ``start`` (default: the current folder)."""
        here = Path(start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "nbgrader_config.py").is_file() and (folder / "solutions").is_dir():
                return cls(folder)
        raise KitError(
            f"{here}: no encuentro la raíz del kit (nbgrader_config.py y solutions/); ejecuta el "
            "comando dentro del repositorio o usa --root / not inside a kit checkout (no "
            "nbgrader_config.py and solutions/); run it inside the repository or pass --root"
        )

    @property
    def solutions(self) -> Path:
        return self.root / "solutions"

    @property
    def challenges(self) -> Path:
        return self.root / "challenges"

    @property
    def mentorship(self) -> Path:
        return self.root / "mentorship_sessions"

    @property
    def config_file(self) -> Path:
        return self.root / "nbgrader_config.py"

    def tracks(self) -> list[str]:
        """Tracks are the folders of solutions/ that hold notebooks."""
        return sorted(
            p.name for p in self.solutions.iterdir() if p.is_dir() and any(p.glob("*.ipynb"))
        )

    def check_tracks(self, tracks: list[str]) -> None:
        """Refuse unknown track names, listing the known ones (a typo must not pass silently)."""
        known = self.tracks()
        unknown = sorted(set(tracks) - set(known))
        if unknown:
            raise KitError(
                MSG["unknown_track"].format(unknown=", ".join(unknown), known=", ".join(known))
            )

    def solution_notebooks(self, track: str) -> list[Path]:
        return sorted((self.solutions / track).glob("*.ipynb"))

    def challenge_notebooks(self, track: str) -> list[Path]:
        return sorted((self.challenges / track).glob("*.ipynb"))

    def mentor_notebooks(self) -> list[Path]:
        if not self.mentorship.is_dir():
            return []
        return sorted(self.mentorship.glob("*.ipynb"))
