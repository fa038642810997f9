"""What the app refuses, whatever a project file or a plugin holds.

Anyone with commit access writes the project files every reviewer reads. Text goes on
screen as text (``tui.text.plain``); these guards hold even where a widget, ours or a
plugin's, still lets markup through:

- a notification is never parsed as markup (``notify`` ignores ``markup=True``);
- an action written into text (``[@click=app.screenshot(…)]``) never runs: the app has
  no clickable markup of its own, so it brokers no action from a style;
- a hyperlink never reaches the terminal (``terminal_safety`` drops it with the controls);
- a crash shows a short message, never a traceback with local variables (which would
  hold project text, paths and the like); the details go where the operator looks
  (``tui.crash``);
- a window size the terminal reports is bounded (``MAX_SIZE``): a client may claim
  65 535 × 65 535, and laying that out took 888 MB in 6 s;
- keys typed while a form opens are held and typed into the form (``hold_keys``).
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import App
from textual.geometry import Size
from textual.reactive import Reactive

from lilla_ratten.tui import terminal_safety

# Larger than any real terminal (a 4K screen in a 6-pixel font is about 640 × 270 cells);
# what lies beyond is left blank. It bounds what one frame of any screen costs.
MAX_SIZE = Size(1000, 400)


def bounded(size: Size) -> Size:
    return Size(max(1, min(size.width, MAX_SIZE.width)), max(1, min(size.height, MAX_SIZE.height)))


class GuardedApp(App):
    crash_report = None  # (message shown, where the details went) after a crash
    # Textual repaints the whole screen at a new title, though only the header shows it and
    # draws its own line again (it watches these): the first change's "● unsaved changes"
    # drew every widget on screen in the first delete's frame
    title: Reactive[str] = Reactive("", compute=False, repaint=False)
    sub_title: Reactive[str] = Reactive("", compute=False, repaint=False)
    _held_keys: list[tuple[str, str | None]] | None = None
    _replaying: list[events.Key] | None = None  # held keys given back, not yet handled

    # Keys typed right after the key that opens a form, before its first field has focus, go
    # to the list behind it, where a letter may be a command (``i`` opened another form) and
    # the rest is lost. From that key until the form has focus they are held, then typed
    # into the form in order; a form that never opens gives them back after HOLD_SECONDS.
    HOLD_SECONDS = 1.0

    def hold_keys(self) -> None:
        if self._held_keys is None:
            self._held_keys = []
            self.set_timer(self.HOLD_SECONDS, self.release_keys)

    def release_keys_into(self, screen) -> None:
        """A form screen has focused its first field: after that frame, the keys held go into it."""
        screen.call_after_refresh(self.release_keys)

    def release_keys(self) -> None:
        held, self._held_keys = self._held_keys, None
        for key, character in held or ():
            self._post_in_turn(events.Key(key, character))

    def _post_in_turn(self, key: events.Key) -> None:
        if self._replaying is None:
            self._replaying = []
        self._replaying.append(key)
        self.post_message(key)

    async def on_event(self, event: events.Event) -> None:
        # Held as it arrives, before it is handed to the screen: handed on, a key comes back
        # to _on_key only after a trip through the screen's queue, and the form may have
        # taken focus meanwhile and the later keys of the burst ("nytt" came out "yttn").
        # The held keys go to the end of the queue when given back, so keys of the burst
        # still queued behind them wait their turn again.
        if isinstance(event, events.Key) and not event.is_forwarded:
            replayed = next((i for i, e in enumerate(self._replaying or ()) if e is event), None)
            if replayed is not None:
                del self._replaying[replayed]
            elif self._replaying:  # typed after the keys given back, and overtook them
                self._post_in_turn(events.Key(event.key, event.character))
                return
            if self._held_keys is not None:
                self._held_keys.append((event.key, event.character))
                return
        await super().on_event(event)

    async def _on_key(self, event: events.Key) -> None:
        # reached by a key the focused widget did not take, on its way to the app's bindings;
        # App._on_key (the bindings) runs after this unless the key is held
        if self._held_keys is not None:
            self._held_keys.append((event.key, event.character))
            event.prevent_default()
            event.stop()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        terminal_safety.install()  # no control sequence and no hyperlink from any widget reaches the terminal

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """A notification as plain text: its message and title often carry project or plugin text."""
        super().notify(str(message), title=str(title), severity=severity, timeout=timeout, markup=False)

    async def _broker_event(self, event_name: str, event: events.Event, default_namespace) -> bool:
        return False  # no action runs from text: a project could write "[@click=app.screenshot(…)]"

    @property
    def size(self) -> Size:
        return bounded(super().size)

    async def _on_resize(self, event: events.Resize) -> None:
        size = bounded(event.size)
        if size != event.size:
            event.stop()
            self.post_message(events.Resize(size, bounded(event.virtual_size), bounded(event.container_size or size), event.pixel_size))
            return
        await super()._on_resize(event)

    def _handle_exception(self, error: Exception) -> None:
        self._return_code = 1
        if self._exception is None:  # run_test raises it in the test, as Textual does
            self._exception = error
            self._exception_event.set()
        from lilla_ratten.tui.crash import report

        message, where = report(error, review=getattr(self, "read_only", False))
        self.crash_report = (message, where)
        self._exit_renderables.append(Text(message))  # printed as it is: a path may hold "["
        self._close_messages_no_wait()
