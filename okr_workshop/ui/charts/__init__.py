"""Charts drawn with matplotlib for the screens (imported lazily)."""
