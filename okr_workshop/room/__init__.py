"""Room voting: executives vote from their phones over the room's network; no Qt in here."""
