"""One window per data folder: a second start brings the first window forward.

The folder lock (store/folder_lock.py) refuses a second window; this asks the first one, through
a local socket named after the folder (a hash of its path, never the path), to come to the front,
as a desktop application is expected to. Only a fixed word travels over the socket, never case
data, and the socket is for this user only.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

_WORD = b"show\n"


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha256(str(Path(data_dir).expanduser().resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return f"efh-desktop-{digest[:24]}"


def ask_first_window_to_show(data_dir: Path, timeout_ms: int = 800) -> bool:
    """True when a window already open on ``data_dir`` was asked to come forward."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(_WORD)
    done = socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return done


class WindowBeacon(QObject):
    """Listens while the window is open; brings ``window`` forward when a second start asks."""

    asked = Signal()

    def __init__(self, data_dir: Path, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = server_name(data_dir)
        if not self._server.listen(name):
            QLocalServer.removeServer(name)  # a stale socket left by a killed window
            self._server.listen(name)
        self._server.newConnection.connect(self._connection)

    def _connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            if socket.bytesAvailable():
                self._read(socket)  # the word may have arrived with the connection

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.bytesAvailable():
            return
        if bytes(socket.readAll().data()).startswith(_WORD.strip()):
            self._window.showNormal()
            self._window.raise_()
            self._window.activateWindow()
            self.asked.emit()
        socket.disconnectFromServer()

    def close(self) -> None:
        self._server.close()
