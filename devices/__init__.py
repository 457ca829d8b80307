"""Transports, framing, protocol, pairing crypto, discovery and the simulator.

Imports nothing from app/ or ui/.
"""
