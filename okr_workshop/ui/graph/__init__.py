"""The dependency map canvas: its items, scene and view, the analysis overlays, and the
panels beside it (properties, legend, risks). The Dependencies screen assembles them."""
