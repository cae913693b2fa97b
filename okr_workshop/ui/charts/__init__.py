"""Charts drawn with matplotlib for the screens and the projector (imported lazily)."""
