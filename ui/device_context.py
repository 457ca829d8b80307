"""What device-thread work needs: a profile view of its own, the device registry, the
keyring. Built on the device thread at first use, closed there at the end."""

from __future__ import annotations

from app.profile import Profile
from app.secrets import SecretStore
from app.terminal_actions import registry_for
from devices.registry import DeviceRegistry
from ui.background import DeviceThread


class DeviceContext:
    def __init__(self, profile: Profile, thread: DeviceThread) -> None:
        self._main = profile
        self.thread = thread
        self.secrets = SecretStore()
        self._view: Profile | None = None
        self._registry: DeviceRegistry | None = None

    @property
    def gui_profile(self) -> Profile:
        """The GUI thread's own profile, for dialogs that work on the GUI thread."""
        return self._main

    # only ever called on the device thread
    @property
    def profile(self) -> Profile:
        if self._view is None:
            self._view = self._main.for_thread()
        return self._view

    @property
    def registry(self) -> DeviceRegistry:
        if self._registry is None:
            self._registry = registry_for(self._main.data_dir)
        return self._registry

    def close(self) -> None:
        """Close the device thread's connection (on that thread), then stop the thread.
        Safe to call twice."""
        if self.thread.closed:
            return

        def close_view() -> None:
            if self._view is not None:
                self._view.close()
                self._view = None
        self.thread.shutdown(last=close_view)
