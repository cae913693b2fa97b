"""The stage: what the room sees on the projector, one view at a time (see domain.stage).

Drawn with QPainter for whatever size it is given; nothing here imports the console's screens.
"""
