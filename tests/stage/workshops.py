"""A large offsite for the stage's layout tests and its benchmark: every view at its longest."""

from __future__ import annotations

import dataclasses
import random

from okr_workshop.domain import model as m
from okr_workshop.domain.validate import document_from_workshop, workshop_from_document


def large_workshop() -> m.Workshop:
    """A big offsite, seeded: long titles, revealed and hidden votes of 40 voters, 20 objectives."""
    rng = random.Random(11)
    words = ["carrier", "onboarding", "pricing", "retention", "platform", "mid-market", "billing", "network",
             "shipper", "partner", "forecast", "warehouse", "customs", "invoice", "tracking", "support"]

    def phrase(n: int) -> str:
        return " ".join(rng.sample(words, n))

    people = [m.Participant(f"p{i}", f"Participant {i} {rng.choice(['Nowak', 'Ó Briain', 'Ibáñez Córdoba'])}",
                            function=rng.choice(["Sales", "Product", "Engineering", "Finance", "Operations"]))
              for i in range(40)]
    priorities = [m.Priority(f"pr{i}", f"{rng.choice(['Win', 'Cut', 'Grow', 'Replace', 'Open'])} the {phrase(3)}",
                             f"Why: the {phrase(4)} matters to the {phrase(2)} this cycle." if i < 12 else "",
                             "selected" if i < 12 else "candidate")
                  for i in range(50)]
    nodes = [m.DepNode(f"n{i}", f"{phrase(2).title()} team", owner=f"p{i % 40}") for i in range(60)]
    edges = [m.DepEdge(f"n{i % 60}", f"n{(i % 60 + 1 + 7 * (i // 60)) % 60}", f"The {phrase(3)} by June",
                       f"p{i % 40}") for i in range(120)]  # each node feeds the next and the eighth after it
    voters = [p.id for p in people]

    def dots_vote(vid: str, title: str, items: list[str], revealed: bool, closed: bool) -> m.Vote:
        ballots = []
        for i in range(40):
            scores: dict[str, int | float] = {}
            for _ in range(5):
                item = rng.choice(items[: max(3, len(items) * 2 // 3)])
                scores[item] = scores.get(item, 0) + 1
            ballots.append(m.Ballot(f"{vid}-b{i}", vid, scores))
        rng.shuffle(ballots)
        return m.Vote(vid, title, "dots", 5, True, 1, items, ballots, voted=list(voters), closed=closed,
                      revealed=revealed)

    def rank_vote(vid: str, title: str, items: list[str]) -> m.Vote:
        orders = [rng.sample(items, len(items)) for _ in range(40)]
        ballots = [m.Ballot(f"{vid}-b{i}", vid, {it: place for place, it in enumerate(order, 1)})
                   for i, order in enumerate(orders)]
        return m.Vote(vid, title, "rank", None, True, 1, items, ballots, voted=list(voters), closed=True)

    all_items = [p.id for p in priorities]
    votes = [
        dots_vote("v1", "Which of these fifty matters most for the next two quarters?", all_items, True, True),
        dots_vote("v2", "Second round: the twenty that came out on top", all_items[:20], True, True),
        rank_vote("v3", "Rank the shortlist", all_items[:12]),
        dots_vote("v4", "Where do we invest the platform budget?", all_items[20:35], False, False),
    ]
    votes[1] = dataclasses.replace(votes[1], follows="v1", round=2)
    objectives, key_results = [], []
    for i in range(20):
        oid = f"o{i}"
        objectives.append(m.Objective(oid, f"Our {phrase(2)} customers {phrase(3)} without waiting on us",
                                      f"pr{i % 12}", f"p{i}"))
        for k in range(3 + i % 3):
            unit = rng.choice(["%", "days", "customers", "pp", "EUR"])
            key_results.append(m.KeyResult(f"{oid}-kr{k}", oid, f"Move the {phrase(4)} measure for {phrase(2)}",
                                           baseline=float(rng.randint(1, 90)), target=float(rng.randint(10, 200)),
                                           unit=unit, owner=f"p{(i + k) % 40}", due=f"2026-0{6 + k % 3}-30"))
    actions = [m.Action(f"a{i}", f"Agree the {phrase(3)} with the {phrase(2)} owners", f"p{i % 40}" if i % 7 else None,
                        f"2026-04-{1 + i % 28:02d}" if i % 5 else None, "done" if i % 4 == 0 else "open")
               for i in range(30)]
    screens = ["overview", "diagnose", "diagnose", None, "vote", "vote", None, "vote", "not_now", None,
               "dependencies", "run_of_show", "overview", "decision_rights", None, "okrs", "okrs", None, "okrs",
               "rhythm", None, "okrs", "actions", "run_of_show"]
    agenda = [m.AgendaSession(f"s{i}", "Break" if screen is None else f"Session {i}: the {phrase(3)}", screen,
                              minutes=15 if screen is None else 45, day=1 if i < 12 else 2,
                              start="09:00" if i in (0, 12) else "")
              for i, screen in enumerate(screens)]
    ws = m.Workshop(
        info=m.WorkshopInfo("Autumn leadership offsite: fifty candidates, twelve priorities, one rhythm",
                            "Example Logistics", "2026-10-05", "2026-10-06", "Harbour Hall, Gdynia", "p0", "H1 2027"),
        participants=people, priorities=priorities, votes=votes, nodes=nodes, edges=edges, objectives=objectives,
        key_results=key_results, actions=actions, agenda=agenda)
    return workshop_from_document(document_from_workshop(ws))  # a workshop the app would accept
