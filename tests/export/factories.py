"""Workshops for the pack tests and the benchmark: the demo with the critical few chosen, a
large generated offsite, and one built to catch a leaked vote or answer."""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

from okr_workshop.domain import model as m
from okr_workshop.domain.validate import workshop_from_document

DEMO_JSON = Path(__file__).resolve().parents[2] / "resources" / "demo" / "demo.json"
CRITICAL_FEW = ("pr1", "pr2", "pr3", "pr4")


def demo_workshop(selected: tuple[str, ...] = CRITICAL_FEW) -> m.Workshop:
    """The demo offsite with ``selected`` priorities chosen as the critical few."""
    ws = workshop_from_document(json.loads(DEMO_JSON.read_text(encoding="utf-8")))
    ws.priorities = [dataclasses.replace(p, status="selected") if p.id in selected else p for p in ws.priorities]
    return ws


FIRST = ("Anna", "Björn", "Chiara", "Dimitri", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas",
         "Ελένη", "Νίκος", "Σοφία", "Γιώργος", "Дмитрий", "Ольга", "Иван", "Мария", "Łucja", "Zoë")
LAST = ("Nowak", "Berg", "Rossi", "Costa", "Yılmaz", "Haddad", "Lind", "Moreau", "Silva", "Weber",
        "Παπαδάκη", "Οικονόμου", "Ιωάννου", "Καραγιάννης", "Волков", "Смирнова", "Петров", "Кузнецова", "Wójcik",
        "Ødegaard")
FUNCTIONS = ("Sales", "Finance", "Product", "Engineering", "Operations", "People", "Marketing", "Legal",
             "Customer Success", "Data")
WORDS = ("customer", "onboarding", "pricing", "billing", "platform", "carrier", "retention", "margin", "market",
         "automation", "analytics", "support", "partner", "mobile", "security", "quality", "logistics", "network")


def _title(rng: random.Random, n: int = 4) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def large_workshop(people: int = 40, priorities: int = 100, dependencies: int = 300, decisions: int = 20,
                   objectives: int = 10, ballots: int = 40, seed: int = 1) -> m.Workshop:
    """A big offsite: every part filled, a secret dot vote and an open ranking with ``ballots`` each."""
    rng = random.Random(seed)
    ws = m.Workshop(info=m.WorkshopInfo("Annual strategy offsite", "Large Group plc", "2026-09-08", "2026-09-10",
                                        "Grand Hotel, Wrocław", "p0", "2026-Q4"))
    ws.participants = [m.Participant("p0", "Facilitator Person", "facilitator", "OKR coach")]
    for i in range(1, people):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]} {i}"
        ws.participants.append(m.Participant(f"p{i}", name, "executive" if i <= 15 else "participant",
                                             FUNCTIONS[i % len(FUNCTIONS)]))
    pids = [p.id for p in ws.participants[1:]]
    ballots = min(ballots, len(pids))  # one ballot per voter at most: the workshop file refuses more
    statuses = ["selected"] * 5 + ["stopped"] * 10 + ["deferred"] * 15 + ["bau"] * 10
    statuses += ["candidate"] * (priorities - len(statuses))
    ws.priorities = [m.Priority(f"pr{i}", f"{_title(rng)} {i}", _title(rng, 14) + ".", statuses[i])
                     for i in range(priorities)]
    titles = [p.title for p in ws.priorities]
    for pid in pids[:15]:
        for q in m.QUESTIONS:
            ws.alignment_answers.append(m.AlignmentAnswer(pid, q, rng.sample(titles[:25], rng.randint(3, 5))))
    ws.diagnosis = m.Diagnosis(list(m.SIGNALS[:3]), ["We say yes to everything.", "Nobody owns the outcome."],
                               {"0": "p1", "1": "p2", "2": m.NOBODY, "3": "p3"})
    dots_items = [p.id for p in ws.priorities[:30]]
    dots = [m.Ballot(f"b1-{i}", "v1", _dots(rng, dots_items, 5)) for i in range(ballots)]
    rank_items = [p.id for p in ws.priorities[:10]]
    ranks = [m.Ballot(f"b2-{i}", "v2", {item: pos for pos, item in enumerate(rng.sample(rank_items, 10), 1)},
                      pids[i % len(pids)]) for i in range(ballots)]
    ws.votes = [
        m.Vote("v1", "What matters most next quarter?", "dots", 5, True, 1, dots_items, dots, pids[:ballots]),
        m.Vote("v2", "Rank the shortlist", "rank", None, False, 2, rank_items, ranks, follows="v1"),
    ]
    for p in ws.priorities:
        if p.status in ("stopped", "deferred", "bau"):
            decision = {"stopped": "stop", "deferred": "defer", "bau": "bau"}[p.status]
            revisit = "2027-01-15" if decision == "defer" and rng.random() < 0.7 else None
            ws.not_now.append(m.NotNow(f"n{p.id}", p.title, p.id, decision, _title(rng, 10) + ".",
                                       rng.choice(pids), revisit))
    ws.tradeoffs = [m.Tradeoff(f"t{i}", f"pr{i}", _title(rng), _title(rng, 12), i % 2 == 0) for i in range(5)]
    ws.intake = [m.Intake(f"i{i}", _title(rng), "2026-10-01", rng.choice(pids), "approve", None, "2026-10-05")
                 for i in range(8)]
    _graph(ws, rng, dependencies, pids)
    roles = [m.Role(f"r{i}", f"Role {i} {FUNCTIONS[i]}", pids[i]) for i in range(8)]
    ws.roles = roles
    for i in range(decisions):
        letters = {r.id: rng.choice(("R", "A", "P", "I", "")) for r in roles}
        letters[roles[i % len(roles)].id] = "D"
        ws.decisions.append(m.Decision(f"d{i}", f"Situation {i}: {_title(rng, 6)}", {k: v for k, v in letters.items()
                                                                                    if v}, "f1", _title(rng, 8),
                                       _title(rng, 12)))
    for i in range(objectives):
        ws.objectives.append(m.Objective(f"o{i}", f"Objective {i}: {_title(rng, 7)}", f"pr{i % 5}", rng.choice(pids),
                                         [f"What would success look like for objective {i}?"] if i % 3 == 0 else []))
        for k in range(rng.randint(2, 5)):
            verb = "Launch" if k == 0 and i % 2 else "Increase"
            ws.key_results.append(m.KeyResult(f"kr{i}-{k}", f"o{i}", f"{verb} {_title(rng, 5).lower()}",
                                              _title(rng, 3).lower(), None if k == 1 else 10.0, 25.0, "%",
                                              rng.choice(pids), "2026-12-18"))
    ws.forums = [
        m.Forum("f1", "Weekly execution review", "weekly", "Unblock delivery", "p1", pids[:12], 45,
                "2026-10-05T09:00", "Re-sequence work", ["What is blocked?"]),
        m.Forum("f2", "Monthly business review", "monthly", "Performance and capacity", "p2", pids[:20], 120,
                "2026-10-20T13:00", "Move people and budget", ["Are we on track?"]),
        m.Forum("f3", "Quarterly reset", "quarterly", "Reset priorities", "p1", pids[:15], 240, "2026-12-15T09:00",
                "Drop and add objectives"),
    ]
    ws.actions = [m.Action(f"a{i}", _title(rng, 8), rng.choice(pids), f"2026-{9 + i % 3:02d}-{1 + i % 28:02d}",
                           source=f"Dependencies: {_title(rng, 2)}" if i % 4 == 0 else "") for i in range(60)]
    ws.rollout = m.RolloutPlan("2026-10-01", [{"unit": "Poland", "why": "the pain is visible"}], "p3",
                               "Two quarters of on-time reviews")
    return ws


def _dots(rng: random.Random, items: list[str], budget: int) -> dict[str, int]:
    scores: dict[str, int] = {}
    for _ in range(budget):
        item = rng.choice(items)
        scores[item] = scores.get(item, 0) + 1
    return scores


def _graph(ws: m.Workshop, rng: random.Random, edges: int, pids: list[str]) -> None:
    """Nodes in a random order, edges forward in it (no loop), then one edge backwards (a loop)."""
    count = max(12, edges // 5)
    kinds = ("team", "initiative", "priority", "external")
    ws.nodes = [m.DepNode(f"n{i}", f"{FUNCTIONS[i % len(FUNCTIONS)]} {_title(rng, 2).lower()} {i}",
                          kinds[i % 4], rng.choice(pids) if i % 9 else None) for i in range(count)]
    seen: set[tuple[int, int]] = set()
    while len(seen) < edges - 1:
        a, b = sorted(rng.sample(range(count), 2))
        if b - a > 12:  # mostly local hand-overs, as real maps are
            continue
        seen.add((a, b))
    statuses = ("open", "open", "open", "at_risk", "blocked", "done")
    for a, b in sorted(seen):
        ws.edges.append(m.DepEdge(f"n{a}", f"n{b}", _title(rng, 4), rng.choice(pids) if rng.random() < 0.85 else None,
                                  "2026-11-15", rng.choice(m.RISKS), rng.choice(statuses)))
    ws.edges.append(m.DepEdge(f"n{count - 1}", f"n{count - 4}", "Feedback", pids[0], None, "high", "open"))


def privacy_workshop() -> m.Workshop:
    """Votes and the alignment check by people whose names appear nowhere else: any second
    occurrence of such a name in the pack (beyond "Who was there") is a leak."""
    ws = demo_workshop()
    secret_voters = [m.Participant(f"s{i}", name, "executive", "") for i, name in
                     enumerate(("Xanthippe", "Ξενοφών", "Ярослава"))]
    open_voters = [m.Participant(f"o{i}", name, "executive", "") for i, name in enumerate(("Quirinus", "Ωρίων"))]
    ws.participants = ws.participants + secret_voters + open_voters
    items = ["pr1", "pr2", "pr3"]
    secret = m.Vote("vs", "Secret dots", "dots", 5, True, 3, items,
                    [m.Ballot("bs0", "vs", {"pr1": 5}), m.Ballot("bs1", "vs", {"pr2": 4, "pr3": 1}),
                     m.Ballot("bs2", "vs", {"pr3": 2})], [p.id for p in secret_voters])
    public = m.Vote("vo", "Open scale", "scale", None, False, 4, items,
                    [m.Ballot("bo0", "vo", {"pr1": 5, "pr2": 1, "pr3": 3}, "o0"),
                     m.Ballot("bo1", "vo", {"pr1": 2, "pr2": 4, "pr3": 4}, "o1")])
    ws.votes = ws.votes + [secret, public]
    ws.alignment_answers = ws.alignment_answers + [
        m.AlignmentAnswer(p.id, q, ["Zeppelin programme"]) for p in secret_voters for q in m.QUESTIONS]
    return ws
