"""NumNet Studio's engine: a from-scratch NumPy neural network (never imports Qt)."""
from .network import Network
from .trainer import Trainer

__all__ = ["Network", "Trainer"]
__version__ = "0.1.0"
