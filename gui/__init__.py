"""NumNet Studio's Qt application (PySide6 + pyqtgraph)."""
