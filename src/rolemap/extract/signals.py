"""Labels decided by weighted phrase signals: the seed guide's five system types, the business domains
it names, and the scope signals that drive pay. Every label keeps the phrases that led to it."""

from __future__ import annotations

from functools import cache

from rolemap.extract.document import Document
from rolemap.extract.intervals import Cover
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span

SYSTEM_TYPES = ("product", "data", "distributed", "platform", "security")
# Words in these sections describe perks or the application, not the work.
_NOT_THE_WORK = frozenset({"benefits", "apply"})
# the families that build a product's software: its users and features speak for the product default
_PRODUCT_FAMILIES = frozenset({"backend", "fullstack", "frontend", "mobile"})
# the families whose work a practice named in the posting (DevOps) is: the platform they run
_PRACTICE_FAMILIES = frozenset({"infra", "security"})


def classify_system_types(
    doc: Document, families: tuple[str, ...] = (), only_role: tuple[str, Span] | None = None
) -> tuple[tuple[str, ...], tuple[Span, ...]]:
    """The best-supported type and those close behind it (at most three); else the type the title names;
    else "platform" for a posting that hires only for infrastructure (`only_role`: that one family and where
    the described posting names such a role; the spec's platform is that work: deployment, cloud
    operations, SRE); else "product" for a posting that names web or product software, or that hires for a
    product's software (`families`, unknown when empty) and speaks of its users, features or screens, or
    that hires only for a product's mobile app (`only_role` again; readers call an app's work product work
    whatever the text says of it) (weights in wordlists.json, system_types)."""
    rules = load_wordlist("system_types")
    look_alikes = Cover((a.start, a.end) for a in doc.hits.spans("system_types/look_alike"))
    scored: list[tuple[int, str, list[Span]]] = []
    # a type the title alone names ("Security Analyst"): the answer only when the text supports none
    named_by_title: list[tuple[str, Span]] = []
    for kind in SYSTEM_TYPES:
        strong = _about_the_work(doc, f"system_types/{kind}/strong", look_alikes)
        weak = _about_the_work(doc, f"system_types/{kind}/weak", look_alikes)
        # DevOps is the platform work of an infrastructure role, and how a developer ships: a weak sign there
        practice = _about_the_work(doc, f"system_types/{kind}/practice", look_alikes)
        (strong if _PRACTICE_FAMILIES.intersection(families) or not families else weak).extend(practice)
        weak += _about_the_work(doc, f"system_types/{kind}/audience", look_alikes)
        # a nice-to-have asks for more than the work is: in a "Nice to have" section it scores nothing; in a
        # sentence a hedge softens ("devops experience a plus") it is a weak sign only, since the hedge may
        # reach back past its own clause ("Design distributed systems at scale, cloud experience preferred")
        softened = [s for s in strong if doc.sections.is_nice_to_have(s.start, s.end)]
        strong = [s for s in strong if s not in softened]
        weak = [s for s in weak if not doc.sections.is_nice_to_have(s.start, s.end)]
        weak += [s for s in softened if doc.sections.kind_at(s.start) != "nice"]
        if not strong and not weak:
            continue
        titled = [s for s in (*strong, *weak) if doc.in_title(s.start)]
        score = rules["strong_weight"] * len({s.text.lower() for s in strong}) + len(
            {s.text.lower() for s in weak}
        )
        # a product's software is told in many plain words (web app, features, users, front end): three
        # of them, in a posting that hires for a product's software, speak as one strong phrase would
        told = (
            kind == "product" and _hires_for_a_product(families) and len({w.text.lower() for w in weak}) >= 3
        )
        if score >= rules["min_score"] and (strong or titled or told):
            scored.append((score, kind, (titled + strong)[:2] or weak[:2]))
        elif titled:
            named_by_title.append((kind, titled[0]))
    if not scored and named_by_title:  # "Data Security Analyst": both
        kept_titled = named_by_title[: rules["max_types"]]
        return tuple(kind for kind, _ in kept_titled), tuple(span for _, span in kept_titled)
    family, role = only_role or (None, None)
    if not scored and family == "infra" and role:  # "Windows Administrator" who keeps the servers running
        return ("platform",), (role,)
    if not scored:
        web = _about_the_work(doc, "system_types/product/weak")
        if not families or not _PRODUCT_FAMILIES.isdisjoint(families):
            # a support engineer's "customers", a plant's "dashboards" or a helpdesk's "AD users" are no product
            web += _about_the_work(doc, "system_types/product/audience")
        if not web and family == "mobile" and role:
            web = [role]
        return (("product",), tuple(web[:2])) if web else ((), ())
    scored.sort(key=lambda s: (-s[0], SYSTEM_TYPES.index(s[1])))
    best = scored[0][0]
    kept = [scored[0], *(s for s in scored[1 : rules["max_types"]] if s[0] >= rules["second_ratio"] * best)]
    return tuple(kind for _, kind, _ in kept), tuple(s for _, _, found in kept for s in found)


def _hires_for_a_product(families: tuple[str, ...]) -> bool:
    return bool(families) and not _PRODUCT_FAMILIES.isdisjoint(families)


@cache
def label_names(list_name: str) -> tuple[str, ...]:
    return tuple(k for k in load_wordlist(list_name) if not k.startswith("_"))


def detect_labels(list_name: str, doc: Document) -> tuple[str, ...]:
    """Every label of a word list (domains, scope) with a phrase in the text that describes the work,
    in the list's order."""
    found = {k for k in doc.hits.labels(list_name) if _about_the_work(doc, f"{list_name}/{k}")}
    return tuple(k for k in label_names(list_name) if k in found)


def _about_the_work(doc: Document, tag: str, look_alikes: Cover | None = None) -> list[Span]:
    """The phrases of a tag outside perks and how to apply, and inside no look-alike phrase."""
    spans = doc.hits.spans(tag)
    if not spans:
        return spans
    return [
        s
        for s in spans
        if doc.sections.kind_at(s.start) not in _NOT_THE_WORK
        and not (look_alikes is not None and look_alikes.covers(s.start, s.end))
    ]
