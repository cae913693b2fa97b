"""The Okabe-Ito colours, shared by the screens, the charts and the PDF pack.

They stay distinguishable for the common forms of colour blindness. No Qt here, so the
headless exports can use them too.
"""

from __future__ import annotations

OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
INK = "#111827"
MUTED = "#4B5563"
