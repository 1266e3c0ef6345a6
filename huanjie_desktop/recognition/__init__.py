"""Scanned page → ballot reading: load, register, decode the code, read every target."""
