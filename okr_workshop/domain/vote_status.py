"""Who is expected to vote, who has, who sits a vote out, and what the room may see.

The voting status names people, never what they voted: ``voted`` comes from ``Vote.voted``
(or the open ballots' names), abstentions are only a count. Weights are the facilitator's
setting per voter; once the first ballot is in they are fixed, because a secret ballot keeps
the weight it was cast with and nothing else about its voter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .model import Vote, Workshop
from .room_rules import expected_voters

MAX_WEIGHT = 10
MIN_SHARED = 2  # in a secret vote, each weight must be held by at least this many voters


@dataclass(frozen=True)
class VotingStatus:
    expected: list[str]  # participant ids who may vote on it and have not opted out
    voted: list[str]  # of those, who has cast a ballot (or abstained)
    waiting: list[str]  # who has not yet
    opted_out: list[str]
    ballots: int  # ballots with scores
    abstentions: int


def voting_status(ws: Workshop, vote: Vote) -> VotingStatus:
    expected = expected_voters(ws, vote)
    done = set(vote.voters())
    abstentions = sum(1 for b in vote.ballots if b.abstains)
    return VotingStatus(expected, [p for p in expected if p in done], [p for p in expected if p not in done],
                        [p for p in vote.opted_out if any(q.id == p for q in ws.participants)],
                        len(vote.ballots) - abstentions, abstentions)


def turnout_words(ws: Workshop, vote: Vote) -> str:
    """What the room may always see: "7 of 9 have voted · 1 abstains · 1 sits this vote out"."""
    status = voting_status(ws, vote)
    total = len(status.expected)
    done = len(status.voted)
    words = [f"{done} of {total} {'has' if done == 1 and total == 1 else 'have'} voted"]
    if status.abstentions:
        words.append(f"{status.abstentions} {'abstains' if status.abstentions == 1 else 'abstain'}")
    if status.opted_out:
        n = len(status.opted_out)
        words.append(f"{n} {'sits' if n == 1 else 'sit'} this vote out")
    return " · ".join(words)


def results_visible(vote: Vote, projector: bool, room_sees: bool = False, holding: bool = False) -> bool:
    """On the projector (and phones), results only once revealed; the laptop may peek, but while
    the room may see the laptop (a mirrored stage) only while the facilitator holds a button."""
    return vote.revealed or (not projector and (not room_sees or holding))


def status_lines(ws: Workshop, vote: Vote, named: bool = True) -> list[str]:
    """Who has voted, who not yet and who sits the vote out: by name for the laptop alone, as
    counts only (``named`` False) while the room may see it. Abstentions are always a count."""
    status = voting_status(ws, vote)

    def who(ids: list[str], nobody: str = "") -> str:
        if not named:
            return str(len(ids))
        return ", ".join(ws.participant_name(p) or p for p in ids) or nobody

    lines = [f"Voted: {who(status.voted, 'nobody yet')}" + ("." if named else f" of {len(status.expected)}.")]
    if status.waiting:
        lines.append(f"Not yet: {who(status.waiting)}.")
    if status.abstentions:
        lines.append(f"Abstentions: {status.abstentions}.")
    if status.opted_out:
        lines.append(f"Sits this vote out: {who(status.opted_out)}.")
    return lines


def received_words(abstains: bool, replaces: bool, room_sees: bool) -> str:
    """What the ballot shows once it is stored. While the room may see the laptop only
    "Received": whether it was an abstention, or a changed vote, is the voter's own."""
    if room_sees:
        return "Received"
    words = "Abstention received" if abstains else "Ballot received"
    return f"{words} (it replaces the earlier one)" if replaces else words


def opt_out_problem(ws: Workshop, vote: Vote, participant: str) -> str | None:
    """Why ``participant`` cannot sit ``vote`` out now (None: they can)."""
    if vote.closed:
        return "The vote is closed."
    if participant in vote.voters():
        return f"{ws.participant_name(participant) or participant} has already voted in it."
    return None


def weights_problem(ws: Workshop, vote: Vote, weights: dict[str, float]) -> str | None:
    """Why these weights cannot be set on ``vote`` (None: they can)."""
    if vote.ballots:
        return ("Weights are fixed once the first ballot is in: each ballot keeps the weight it was cast with. "
                "Set them before voting starts, or start a new round.")
    voters = set(expected_voters(ws, vote))
    for pid, weight in weights.items():
        problem = _weight_problem(pid in voters, weight, lambda pid=pid: ws.participant_name(pid) or pid)
        if problem:
            return problem
    if vote.secret:
        held = Counter(weights.get(pid, 1) for pid in voters)
        lonely = sorted(w for w, n in held.items() if n < MIN_SHARED)
        if lonely and len(voters) >= MIN_SHARED:
            return (f"in a secret vote, a weight only one voter holds ({_number(lonely[0])}) would show which ballot "
                    f"is theirs: give it to {MIN_SHARED} or more voters, or make the vote open")
    return None


def _weight_problem(votes: bool, weight: object, name: Callable[[], str]) -> str | None:
    """Why one voter's weight cannot be set (None: it can). ``name`` is called only to refuse:
    looking a name up for every weight of a large vote would take voters x participants steps."""
    if not votes:
        return f"{name()} does not vote in this one"
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 < weight <= MAX_WEIGHT:
        return f"the weight of {name()} must be a number above 0 and at most {MAX_WEIGHT} (got {weight!r})"
    if round(weight * 100) != weight * 100:
        return f"the weight of {name()} may have at most two decimals (got {weight})"
    return None


def _number(weight: float) -> str:
    return str(int(weight)) if float(weight).is_integer() else f"{weight:g}"


def weights_words(ws: Workshop, vote: Vote) -> str:
    """ "Weights: Łukasz Wierzbicki 2, Ελένη Παπαδοπούλου 1.5; everyone else 1", or "" when none differ."""
    named = [f"{ws.participant_name(pid) or pid} {_number(w)}" for pid, w in vote.weights.items() if w != 1]
    return f"Weights: {', '.join(named)}; everyone else 1" if named else ""
