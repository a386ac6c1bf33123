"""What ``kit.setup(lang=LANG)`` does in a participant's or mentor's notebook."""

from __future__ import annotations

from kit.i18n import messages, set_language

__all__ = ["setup"]

MSG = messages(
    "notebook",
    {
        "name_error": (
            "💡 Esa variable todavía no existe. ¿Ejecutaste las celdas de arriba? "
            "(menú Run → Run All Above) ¿Está bien escrito el nombre?",
            "💡 That variable does not exist yet. Did you run the cells above? "
            "(menu Run → Run All Above) Is the name spelled right?",
        ),
    },
)


def setup(lang: str = "es") -> None:
    """Set the language, the plotting style and friendlier errors for newcomers."""
    from kit.plotting import use_style

    set_language(lang)
    use_style()
    _friendly_name_errors()


def _friendly_name_errors() -> None:
    """After a NameError's usual traceback, add one line that says what to do."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    shell = get_ipython()
    if shell is None:
        return

    def handler(shell, etype, value, tb, tb_offset=None):
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        print(MSG["name_error"])  # noqa: T201
        return None

    shell.set_custom_exc((NameError,), handler)
