"""A matchmaking run over the database: read profiles and projects, embed, rank, store."""

from __future__ import annotations

import math
from decimal import Decimal
from functools import lru_cache
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from wenchuang.core.languages import language_fields

from ..models import InvestorProfile, Match, MatchFeedback, MatchRun, Project
from . import embeddings, engine, explain

# Projects investors are shown: published ones and those already in talks.
MATCHABLE = ("published", "in_talks")
TOP = 10
# How far feedback moves an investor's text vector towards (away from) projects they
# marked interested (not interested): a Rocchio update of the interest statement.
TOWARDS, AWAY = 0.6, 0.4


@lru_cache(maxsize=1)
def _converter():
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def in_cny(amount: Decimal | None, currency: str | None) -> float:
    """An amount in yuan at the ECB's latest rate shipped with the package (NaN if unknown)."""
    if amount is None or not currency:
        return math.nan
    if currency == "CNY":
        return float(amount)
    try:
        return float(_converter().convert(float(amount), currency, "CNY"))
    except ValueError:  # a currency the ECB does not quote
        return math.nan


def project_text(project: Project) -> str:
    fields = (*language_fields("title"), *language_fields("pitch"))
    return "\n".join(t for t in (getattr(project, f) for f in fields) if t)


class Vocabulary(dict):
    def index(self, key: Any) -> int:
        return self.get(key, -1)


def _vocab(keys) -> Vocabulary:
    v = Vocabulary()
    for key in keys:
        v.setdefault(key, len(v))
    return v


def _multi_hot(rows: list[list[Any]], vocab: Vocabulary) -> np.ndarray:
    out = np.zeros((len(rows), max(len(vocab), 1)), dtype=bool)
    for i, keys in enumerate(rows):
        for key in keys:
            if key in vocab:
                out[i, vocab[key]] = True
    return out


def load(profiles: list[InvestorProfile], projects: list[Project], on_embed=None):
    """The engine's arrays for these profiles and projects, and how many texts were embedded."""
    cats = _vocab(p.category_id for p in projects)
    smalls = _vocab(p.industry_class_id for p in projects if p.industry_class_id)
    mids = _vocab(p.industry_class_id[:3] for p in projects if p.industry_class_id)
    majors = _vocab(p.industry_class_id[:2] for p in projects if p.industry_class_id)
    wished_regions = [[r.code for r in prof.regions.all()] for prof in profiles]
    regions = _vocab(code for codes in wished_regions for code in codes)
    stages = _vocab(Project.Stage.values)

    texts = [project_text(p) for p in projects] + [p.interest_statement for p in profiles]
    vectors, embedded = embeddings.embed(texts, on_embed)
    project_vectors, statement_vectors = vectors[: len(projects)], vectors[len(projects) :]

    def idx(vocab, key):
        return vocab.index(key) if key else -1

    proj = engine.Projects(
        category=np.array([cats.index(p.category_id) for p in projects], dtype=np.int32),
        small=np.array([idx(smalls, p.industry_class_id) for p in projects], dtype=np.int32),
        mid=np.array(
            [idx(mids, (p.industry_class_id or "")[:3]) for p in projects], dtype=np.int32
        ),
        major=np.array(
            [idx(majors, (p.industry_class_id or "")[:2]) for p in projects], dtype=np.int32
        ),
        county=np.array([regions.index(p.region_id) for p in projects], dtype=np.int32),
        prefecture=np.array([idx(regions, p.prefecture_code) for p in projects], dtype=np.int32),
        province=np.array([idx(regions, p.province_code) for p in projects], dtype=np.int32),
        amount=np.array([in_cny(p.amount, p.currency_id) for p in projects], dtype=np.float64),
        stage=np.array([stages.index(p.stage) for p in projects], dtype=np.int32),
        vectors=project_vectors,
    )
    position = {p.pk: j for j, p in enumerate(projects)}
    classes = [[c.code for c in prof.classes.all()] for prof in profiles]
    excluded: dict[int, np.ndarray] = {}
    folded = statement_vectors.copy()
    for i, prof in enumerate(profiles):
        liked = [
            position[f.project_id]
            for f in prof.feedback.all()
            if f.interested and f.project_id in position
        ]
        disliked = [
            position[f.project_id]
            for f in prof.feedback.all()
            if not f.interested and f.project_id in position
        ]
        if disliked:
            excluded[i] = np.array(disliked, dtype=np.int64)
        vector = folded[i]
        if liked:
            vector = vector + TOWARDS * project_vectors[liked].mean(axis=0)
        if disliked:
            vector = vector - AWAY * project_vectors[disliked].mean(axis=0)
        norm = np.linalg.norm(vector)
        folded[i] = vector / norm if norm else vector
    inv = engine.Investors(
        categories=_multi_hot([[c.pk for c in prof.categories.all()] for prof in profiles], cats),
        small=_multi_hot([[c for c in cl if len(c) == 4] for cl in classes], smalls),
        mid=_multi_hot([[c for c in cl if len(c) == 3] for cl in classes], mids),
        major=_multi_hot([[c for c in cl if len(c) <= 2] for cl in classes], majors),
        regions=_multi_hot(wished_regions, regions),
        ticket_low=np.array(
            [in_cny(p.ticket_min, p.currency_id) for p in profiles], dtype=np.float64
        ),
        ticket_high=np.array(
            [in_cny(p.ticket_max, p.currency_id) for p in profiles], dtype=np.float64
        ),
        stages=_multi_hot([list(p.stages or []) for p in profiles], stages),
        vectors=folded,
    )
    return inv, proj, excluded, embedded


def _fits(inv: engine.Investors, i: int, proj: engine.Projects, j: int) -> list[str]:
    one = engine.Projects(**{k: v[j : j + 1] for k, v in vars(proj).items()})
    parts = engine.fit_parts(inv, np.array([i]), one)
    # Only what the investor asked for and the project meets counts as a reason.
    return [name for name, credit in parts.items() if float(credit[0, 0]) >= 0.7]


def _progress(run_id: int, percent: int) -> None:
    MatchRun.objects.filter(pk=run_id).update(progress=max(0, min(100, percent)))


def run_matching(run_id: int) -> MatchRun:
    """Compute every match, then replace the previous run's matches in one transaction."""
    started = MatchRun.objects.filter(pk=run_id, status=MatchRun.Status.QUEUED).update(
        status=MatchRun.Status.RUNNING
    )
    run = MatchRun.objects.get(pk=run_id)
    if not started:
        return run
    try:
        profiles = list(
            InvestorProfile.objects.select_related("investor")
            .prefetch_related("categories", "classes", "regions", "feedback")
            .order_by("id")
        )
        projects = list(Project.objects.filter(status__in=MATCHABLE).order_by("id"))
        inv, proj, excluded, embedded = load(
            profiles, projects, lambda done, total: _progress(run_id, 40 * done // max(total, 1))
        )
        _progress(run_id, 40)
        top = engine.top_k_both_ways(
            inv,
            proj,
            TOP,
            excluded=excluded,
            on_progress=lambda done, total: _progress(run_id, 40 + 30 * done // max(total, 1)),
        )
        pairs: dict[tuple[int, int], dict[str, int]] = {}
        for i in range(len(profiles)):
            for rank, j in enumerate(top.investor_best[i], start=1):
                if j >= 0:
                    pairs.setdefault((i, int(j)), {})["investor_rank"] = rank
        for j in range(len(projects)):
            for rank, i in enumerate(top.project_best[j], start=1):
                if i >= 0:
                    pairs.setdefault((int(i), j), {})["project_rank"] = rank
        texts = [project_text(p) for p in projects]
        used = {i for i, _j in pairs}
        words = explain.keyword_vectors(
            [texts[j] for _i, j in pairs] + [profiles[i].interest_statement for i in used]
        )
        rows = []
        for n, ((i, j), ranks) in enumerate(sorted(pairs.items())):
            structured = float(engine.fit(inv, np.array([i]), _one(proj, j))[0, 0])
            similarity = float(inv.vectors[i] @ proj.vectors[j])
            statement = profiles[i].interest_statement
            topics = explain.shared_topics(texts[j], statement, words) if statement else []
            rows.append(
                Match(
                    run=run,
                    profile=profiles[i],
                    project=projects[j],
                    fit=structured,
                    similarity=similarity,
                    score=engine.FIT_WEIGHT * structured
                    + engine.TEXT_WEIGHT * min(max(similarity, 0.0), 1.0),
                    reasons={"fits": _fits(inv, i, proj, j), "topics": topics},
                    **ranks,
                )
            )
            if n % 50 == 0:
                _progress(run_id, 70 + 25 * n // max(len(pairs), 1))
        with transaction.atomic():
            Match.objects.exclude(run=run).delete()
            Match.objects.bulk_create(rows, batch_size=500)
            MatchRun.objects.filter(pk=run_id).update(
                status=MatchRun.Status.DONE,
                progress=100,
                investors=len(profiles),
                projects=len(projects),
                matches=len(rows),
                embedded=embedded,
                finished_at=timezone.now(),
            )
    except Exception as error:
        MatchRun.objects.filter(pk=run_id).update(
            status=MatchRun.Status.FAILED, error=str(error)[:500], finished_at=timezone.now()
        )
        raise
    run.refresh_from_db()
    return run


def _one(proj: engine.Projects, j: int) -> engine.Projects:
    return engine.Projects(**{k: v[j : j + 1] for k, v in vars(proj).items()})


def feedback_of(profile: InvestorProfile) -> dict[int, bool]:
    return dict(
        MatchFeedback.objects.filter(profile=profile).values_list("project_id", "interested")
    )
