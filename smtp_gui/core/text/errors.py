"""The one exception family for rejected input."""

from __future__ import annotations


class InputError(ValueError):
    """Input the project cannot accept; carries a plain message and, where known, a position.

    ``key`` names a message in ``resources/messages`` so the UI can show it in either
    language; ``message`` is the English text, always filled in.
    """

    def __init__(
        self,
        message: str,
        *,
        position: int | None = None,
        key: str | None = None,
        params: dict[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.key = key
        self.params = dict(params or {})

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``, falling back to English."""
        if self.key is not None:
            from smtp_gui.core.text.messages import message_text

            return message_text(self.key, lang, **self.params)
        return self.message


def input_error(key: str, *, position: int | None = None, **params: object) -> InputError:
    """An InputError whose text is the message ``key`` from resources/messages. Text that
    the message repeats from the input is echoed: at most 100 characters, controls visible."""
    from smtp_gui.core.text.messages import message_text
    from smtp_gui.core.text.safe_text import echoed

    params = {k: echoed(v) if isinstance(v, str) else v for k, v in params.items()}
    return InputError(message_text(key, "en", **params), position=position, key=key, params=params)
