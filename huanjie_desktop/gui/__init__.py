"""The PySide6 desktop app: main window, pages, the worker that keeps the GUI thread free."""
