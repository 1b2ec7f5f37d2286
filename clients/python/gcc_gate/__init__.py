"""Green Clearance Code gate client (gate TCP protocol version 1, docs/protocol.md)."""

from .client import Answer, GateClient
from . import protocol, reasons

__all__ = ["Answer", "GateClient", "protocol", "reasons"]
