"""Pure election rules and types: no I/O beyond reading shipped data, no Qt, no SQL, no images."""
