"""Entity mentions (spaCy NER) merged into canonical entities.

Merging rules, in order:
1. normalise a mention (drop a leading "the", possessive "'s", surrounding punctuation);
2. acronyms join the name whose initials they spell ("U.N." / "UN" / "United Nations"), and a small table of
   equivalent country names ("US" / "United States" / "America");
3. a person's bare surname ("Lavrov") joins the unique full name ending with it, a bare family name put first
   ("Xu") the unique full name it opens ("Xu Wenli"); of several such full names, the one mentioned three times as
   often as the others together (``DOMINANCE``); full names with the same surname and similar first names
   ("Sergei" / "Sergey") merge;
4. a capital city used as the subject of a verb ("Washington has backed...") stands for its country's
   government; decided across the story: when most of a capital's mentions stand for the government, all of
   them join the country, else all stay the city (never both an alias and an entity of its own);
5. a name's kind is decided across all its mentions, not by one NER call: each mention's NER label votes, and
   its context votes twice ("in Qusair", "the town of" -> place; "Hezbollah fighters", "the group" -> org).
The canonical name is the most frequent full (multi-word where possible) spelling; abbreviations keep their
dots ("U.S.", "U.N.").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from newsweave.extract.sentences import sentence_start, split_sentences
from newsweave.types import Entity, EntityKind, Sentence

KIND_OF_LABEL: dict[str, EntityKind] = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place",
                                        "FAC": "place"}
# Equivalent names of the same country (not a list of entities to find: only how to merge ones found).
COUNTRY_NAMES = {
    "us": "United States", "u.s.": "United States", "usa": "United States", "u.s.a.": "United States",
    "united states": "United States", "america": "United States", "united states of america": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "united kingdom": "United Kingdom", "russia": "Russia", "russian federation": "Russia",
}
# Capital -> country, used only for the metonymy rule (a capital as the subject of a verb).
CAPITALS = {
    "Washington": "United States", "Moscow": "Russia", "Damascus": "Syria", "Tehran": "Iran", "Paris": "France",
    "London": "United Kingdom", "Beijing": "China", "Berlin": "Germany", "Ankara": "Turkey", "Kyiv": "Ukraine",
    "Kiev": "Ukraine", "Riyadh": "Saudi Arabia", "Tokyo": "Japan", "Jerusalem": "Israel", "Cairo": "Egypt",
    "Baghdad": "Iraq", "Kabul": "Afghanistan", "Ottawa": "Canada", "Canberra": "Australia", "Rome": "Italy",
    "Madrid": "Spain", "Brussels": "European Union", "Doha": "Qatar", "Amman": "Jordan", "Beirut": "Lebanon",
}
_ROLE_WORDS = (
    "Secretary|Minister|President|Prime|Chancellor|Premier|King|Queen|Prince|Ambassador|Envoy|envoy|Spokesman|"
    "spokesman|Spokeswoman|spokeswoman|spokesperson|Chief|chief|Leader|leader|Director|director|Chairman|chairman|"
    "Governor|Senator|Representative|General|Commander|Foreign|minister|secretary|president|representative|"
    "Mayor|mayor|Head|head|Official|official|CEO|Judge|judge"
)
_ROLE_BEFORE = re.compile(
    rf"((?:[A-Z][\w.]*\.?|of|the|for|human|rights|foreign|state|information|defense|defence)\s+)*?"
    rf"(?:(?:{_ROLE_WORDS})\b)(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w]*(?:\s+[A-Z][\w]*)*)?\s*$"
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(frozen=True)
class Mention:
    text: str
    kind: EntityKind
    article_id: str
    start: int
    end: int
    role: str | None = None
    metonym_of: str | None = None
    hint: EntityKind | None = None
    """The kind the mention's context says (``context_kind``), if any."""


_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.)+$|\b(?:Jr|Sr|Co|Corp|Inc|Ltd|St)\.$")


def normalise(name: str) -> str:
    s = name.strip().strip(",;:\"'“”‘’()[]")
    s = _POSSESSIVE.sub("", s).strip()
    if s.endswith(".") and not _ABBREVIATION_END.search(s):
        s = s.rstrip(".")  # a sentence's full stop, not "U.S." or "Jr."
    s = s.lstrip(".").strip()
    s = _NOT_THE_NAME.sub("", s)
    s = re.sub(r"^(?:the|The)\s+", "", s)
    return re.sub(r"\s+", " ", s)


_NOT_THE_NAME = re.compile(r"^(?:Q\.|Aboard|Accompanying|Among|Amid|Despite|Following|Including|Unlike|Asked|"
                            r"Meanwhile|Against|Joining|Flanked by|Led by)\s+(?=[A-Z])")
"""What NER takes for the start of a name at a sentence's start: an interview's question marker ("Q. Mobil is the
country's second-biggest oil company": the person "Q. Mobil", of whom "Mobil", the company, became the surname) or
a capitalised preposition or participle ("Accompanying Liu into exile was his wife", "Aboard Endeavour")."""


def _role_before(text: str, start: int, sentences: Sequence[Sentence]) -> str | None:
    # A role never reaches back across a sentence end ("... in March. Mayor Elena Varga").
    window = text[max(0, start - 80, sentence_start(sentences, start)) : start]
    m = _ROLE_BEFORE.search(window)
    if not m:
        return None
    role = m.group(0).strip()
    role = re.sub(r"^(?:(?:the|of|for|but|and|or|so|yet|while|as|also|meanwhile|then|now|when|after|before)\s+)+",
                  "", role, flags=re.I).strip()
    words = role.split()
    if not words or len(words) > 8:
        return None
    return role if any(re.fullmatch(_ROLE_WORDS, w) for w in words) else None


_PLACE_BEFORE = re.compile(
    r"\b(?:in|into|near|outside|inside|across|through|town of|city of|village of|province of|"
    r"region of|capital of|capital,|border with|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)? of|"
    r"miles (?:from|of)|kilometers (?:from|of))\s+(?:the\s+)?$", re.I)
_ORG_AFTER = re.compile(
    r"^\s+(?:fighters|militants|militia|militias|guerrillas|members|leaders|leadership|movement|group|"
    r"party|spokesman|spokeswoman|spokesperson|officials|forces|rebels|supporters|statement|chief|chairman)\b")
_ARMED_AFTER_POSSESSIVE = re.compile(r"^['’]s\s+(?:fighters|militants|militia|militias|guerrillas|forces|rebels)\b")
"""'Hezbollah's fighters': a person has a party or supporters, a group has fighters."""
_ORG_BEFORE = re.compile(r"\b(?:(?:the\s+)?(?:group|militia|movement|party|organisation|organization|company|firm|"
                         r"agency|coalition)\s+(?:called\s+)?|[\w]+-backed\s+|"
                         r"(?:fighters|militants|members) of (?:the\s+)?)$", re.I)


_PERSON_TITLE = re.compile(r"(?:^|\s)(?:Prince|Princess|King|Queen|Sheikh|Pope|Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|"
                           r"Col|Maj|Capt|Adm|Premier|President|Prime\s+Minister)\.?\s+$")
"""A personal title right before a name ('Prince Norodom Ranariddh', 'Gen. Augusto Pinochet')."""
_NAME_TITLES = frozenset({"Prince", "Princess", "King", "Queen", "Sheikh", "Pope", "Mr", "Mrs", "Ms", "Dr", "Gen",
                          "Sen", "Lt", "Col", "Maj", "Capt", "Adm"})
"""Titles NER keeps inside the name ('Prince Norodom Ranariddh'); not 'President' or 'Premier' ('Premier
League')."""
_ORG_WORDS = re.compile(r"\b(?:Union|Nations|Council|Party|Committee|Organi[sz]ation|Agency|Bank|Court|Ministry|"
                        r"Department|Army|Forces|Front|Coalition|Association|Institute|University|Company|Group|"
                        r"Corp|Inc|News|Times|Post|Press)\b")


_PLACE_NAME = re.compile(r"\b(?:Bridge|Street|Square|Airport|Station|Palace|Tower|Harbou?r|River|Mountains?|Road|"
                         r"Avenue|Bay|Lake|Islands?|Dam|Canal|Valley|Strait|Sea|Ocean|Gulf|Peninsula|Province|"
                         r"County|District|Heights|Plaza|Park|Cathedral|Mosque|Synagogue|Hospital|Stadium|Prison)$"
                         r"|\S+\s+\S+\s+(?:Church|Temple)$")
"""The name's last word says it is a place; "Church" and "Temple" only closing a name of three words or more
("Hammarkullen Lutheran Church"), as they are surnames too (Frank Church, Shirley Temple)."""
_FACILITY_AFTER = re.compile(r"^\s+(?:(?:pharmaceutical|chemical|nuclear|power|munitions|weapons)\s+"
                             r"(?:plant|factory|reactor|complex)|(?:concentration|death|refugee|prison|labou?r)\s+camp)s?\b")
"""'Al Shifa pharmaceutical plant', 'the Auschwitz death camp': a site of that kind is a place (NER reads 'Al Shifa'
as a person). A bare 'plant' or 'camp' says nothing: 'the Toyota plant' is Toyota's, 'the Obama camp' his people."""


_BARE_FACILITY = re.compile(r"^\s+(?:plant|factory|refinery)\b")


def context_kind(text: str, start: int, end: int) -> EntityKind | None:
    """What the name's own last word or the words around it say it is: "Old Harbour Bridge" -> place;
    "Prince Norodom Ranariddh", "Gen. Pinochet" -> person; "Hezbollah fighters", "the group Jaish al-Islam" ->
    org ("Ranariddh's party" says nothing: a person has a party too); "in Qusair", "the town of Qusair", "the
    Shifa plant" -> place;
    None when they say nothing."""
    name = text[start:end]
    if _PLACE_NAME.search(name):
        return "place"  # "Old Harbour Bridge", "Golan Heights": the name says what it is
    after = text[end : end + 40]
    before = text[max(0, start - 30) : start]
    first, _, rest = name.partition(" ")
    titled = rest[:1].isupper() and first.rstrip(".") in _NAME_TITLES
    if (titled or _PERSON_TITLE.search(before)) and not _ORG_WORDS.search(name):
        return "person"  # "Prince Norodom Ranariddh": a title names a person, whatever follows the name
    if _ORG_AFTER.match(after) or _ARMED_AFTER_POSSESSIVE.match(after) or _ORG_BEFORE.search(before):
        return "org"
    if _FACILITY_AFTER.match(after) and not _ORG_WORDS.search(name):
        return "place"  # "Al Shifa pharmaceutical plant"; not "the Ford Motor Company plant"
    if _PLACE_BEFORE.search(before) and not _ORG_WORDS.search(text[start:end]):
        return "place"  # "in the European Union" is no place
    return None


_STORM = re.compile(r"\b(?i:hurricane|typhoon|cyclone|tropical storm|tropical depression)\s+"
                    r"(?!(?:Center|Centre|Season|Hunters?|Watch|Warning|Katrina's)\b)([A-Z][a-z]+)\b")
"""A named storm: "Hurricane Mitch", "former-hurricane Mitch", "Typhoon Babs" (not "the Hurricane Center")."""


def storm_names(text: str) -> frozenset[str]:
    """The names given to storms in ``text`` ("Mitch" for "Hurricane Mitch"): neither a person, an organisation
    nor a place, though NER calls them so ("Mitch" a person, "Hurricane Mitch" an organisation)."""
    return frozenset(m.group(1) for m in _STORM.finditer(text))


_TIME_ZONES = frozenset("GMT UTC EST EDT CST CDT MST MDT PST PDT BST CET CEST IST JST AEST AEDT".split())
"""Time zones NER reads as organisations ("at 1700 GMT" in seven DUC 2004 stories)."""


def mentions_of(
    article_id: str, doc: Any, sentences: Sequence[Sentence] | None = None, storms: frozenset[str] | None = None
) -> list[Mention]:
    """Entity mentions of one parsed article, with roles written just before person names (within the sentence:
    ``sentences`` are the article's own, split here when not given). Storms are left out: ``storms``, the
    story's storm names, this article's among them (an article that only says "Mitch" speaks of the hurricane
    another article of its story names); when not given, those the article names (``storm_names``)."""
    out: list[Mention] = []
    text = doc.text
    if sentences is None:
        sentences = split_sentences(text)
    if storms is None:
        storms = storm_names(text)
    for ent in doc.ents:
        kind = KIND_OF_LABEL.get(ent.label_)
        if kind is None:
            continue
        name = normalise(ent.text)
        if len(name) < 2 or not any(c.isupper() for c in name):
            continue  # "state", "2013": not a name
        if storms and (name in storms or _STORM.fullmatch(name)):
            continue  # "Mitch", "Hurricane Mitch": a storm is no who or where
        if name in _TIME_ZONES:
            continue  # "1700 GMT": a clock, not an organisation
        if re.search(r"\b(?:Secretary|Minister|Ministers|Secretaries) of\s*$", text[max(0, ent.start_char - 20) : ent.start_char]):
            continue  # "State" in "Secretary of State" is part of a title, not an organisation
        role = _role_before(text, ent.start_char, sentences) if kind == "person" else None
        metonym = None
        if kind == "place" and name in CAPITALS and ent.root.dep_ in ("nsubj", "nsubjpass"):
            metonym = CAPITALS[name]
        hint = context_kind(text, ent.start_char, ent.end_char)
        if hint is None and kind == "person" and _BARE_FACILITY.match(text[ent.end_char : ent.end_char + 20]):
            hint = "place"  # "the Shifa plant": a person has no plant; a company's ("the Toyota plant") stays an org
        out.append(Mention(name, kind, article_id, ent.start_char, ent.end_char, role, metonym, hint))
    return out


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper() and w.lower() not in ("of", "the", "and"))


def _acronym_key(name: str) -> str | None:
    compact = name.replace(".", "").replace(" ", "")
    return compact if compact.isupper() and 2 <= len(compact) <= 6 else None


class EntityIndex:
    """Resolves any mention string to its canonical entity name (built by ``build_entities``)."""

    def __init__(self, canon: dict[tuple[EntityKind, str], str]) -> None:
        self._canon = canon

    def resolve(self, name: str, kind: EntityKind | None = None) -> str | None:
        n = normalise(name)
        kinds: Sequence[EntityKind] = (kind,) if kind else ("person", "org", "place")
        for k in kinds:
            if (k, n) in self._canon:
                return self._canon[(k, n)]
        if kind in (None, "person"):
            # A bare surname or a full name with a variant first name.
            people = {v for (k, m), v in self._canon.items() if k == "person"}
            hits = sorted({p for p in people if surname(p) == surname(n)}) if n else []
            if len(hits) == 1:
                return hits[0]
        return None


def surname(name: str) -> str:
    """Last word without Arabic/other name particles: 'Bashar al-Assad' -> 'assad'."""
    last = name.split()[-1] if name.split() else name
    return re.sub(r"^(?:al|el|ad|as|an|ar|at|ash)-", "", last.lower())


_SURNAME_PARTICLES = frozenset(
    "bin ibn al el de del della der van von da di du le la dos ten ter Bin Ibn De Del Della Der Van Von Dos".split()
)
"""Words that open a surname ("bin Laden", "de Klerk", "De Klerk" at a sentence start, "Van Laak"), not a first
name ("Al" Gore, "Le" Duc Tho and "Da" are left out: each is also a given name). "Van", "Del" and "Della" are
given names too (Van Jones, Della Reese): such a name joins only a full name that ends with all of it ("James Van
Laak"), never one that shares its last word ("Doug Jones")."""


def is_full_name(name: str) -> bool:
    """Given name and surname ("Osama bin Laden"), not a surname alone, even one of two words ("bin Laden")."""
    words = name.split()
    return len(words) >= 2 and words[0] not in _SURNAME_PARTICLES


DOMINANCE = 3
"""A bare name several full names share ("Xu": Xu Wenli 20 mentions, Xu Jin 2) is the one mentioned at least this
many times as often as all the others together: a story names its minor bearers in full ("Wang Dan") and its
main one by the bare name on second reference. Otherwise the bare name stays a person of its own."""


def dominant(cands: Sequence[str], mentions: Callable[[str], int]) -> str | None:
    """The only candidate, or the one ``DOMINANCE`` times as mentioned as the rest together; else None."""
    if len(cands) == 1:
        return cands[0]
    if not cands:
        return None
    ranked = sorted(cands, key=lambda c: (-mentions(c), c))
    rest = sum(mentions(c) for c in ranked[1:])
    return ranked[0] if mentions(ranked[0]) >= DOMINANCE * max(1, rest) else None


def bare_name_bearers(n: str, full: Sequence[str], opening: bool = True) -> list[str]:
    """The full names ``n`` may stand for: those of its surname ("Lavrov"; with its particle, "Van Laak" for a
    full name that ends with all of it), else, with ``opening``, those it opens (a family name put first, "Xu"
    for Xu Wenli, or a bare given name, "presented by John")."""
    if len(n.split()) >= 2:  # a surname with its particle: "Van Laak" is James Van Laak, "Van Jones" no Jones
        return sorted({f for f in full if f.casefold().endswith(" " + n.casefold())})  # "Bin Laden" too
    out = sorted({f for f in full if surname(f) == surname(n)})
    return out or (sorted({f for f in full if f.split()[0] == n}) if opening else [])


def _merge_people(names: Counter[str]) -> dict[str, str]:
    """Map every person spelling to a canonical full name."""
    full = [n for n in names if is_full_name(n)]
    by_last: dict[str, list[str]] = defaultdict(list)
    for n in sorted(full, key=lambda x: (-names[x], x)):
        by_last[surname(n)].append(n)
    canon: dict[str, str] = {}
    for _last, group in by_last.items():
        reps: list[str] = []
        for n in group:
            first = n.split()[0]
            match = next((r for r in reps if fuzz.ratio(first, r.split()[0]) >= 70), None)
            canon[n] = match or n
            if match is None:
                reps.append(n)
    count: Counter[str] = Counter()
    for f in full:
        count[canon[f]] += names[f]
    for n in names:
        if n in canon:
            continue
        cands = sorted({canon[f] for f in bare_name_bearers(n, full)})
        canon[n] = dominant(cands, count.__getitem__) or n
    # Prefer the most frequent spelling of each merged group as its name.
    groups: dict[str, list[str]] = defaultdict(list)
    for n, c in canon.items():
        groups[c].append(n)
    best = {c: min((m for m in ms if is_full_name(m)), key=lambda m: (-names[m], m), default=c)
            for c, ms in groups.items()}
    return {n: best[c] for n, c in canon.items()}


_ARABIC_ARTICLE = re.compile(r"^[Aa]l(?:-|\s+)(?=[A-Z])")
"""The article of an Arabic name ("Al Shifa", "al-Jazeera"): often left out in the same story ("the Shifa plant").
Not "El" (El Salvador, El Paso) nor a lower-case rest ("al qaeda")."""


def _merge_named(names: Counter[str]) -> dict[str, str]:
    """Organisations and places: country-name table, the name without its Arabic article to the one with it (when
    only one has it), then acronyms to the name whose initials they spell."""
    canon: dict[str, str] = {}
    for n in names:
        canon[n] = COUNTRY_NAMES.get(n.lower(), n)
    longs = [n for n in canon.values() if len(n.split()) >= 2]
    with_article: dict[str, set[str]] = defaultdict(set)  # "Shifa" -> {"Al Shifa"}
    for n in canon.values():
        bare = _ARABIC_ARTICLE.sub("", n)
        if bare != n and bare:
            with_article[bare.casefold()].add(n)
    for n in names:
        spelled = with_article.get(canon[n].casefold(), set())
        if len(spelled) == 1:
            canon[n] = next(iter(spelled))  # "the Shifa plant" is Al Shifa
    for n in names:
        key = _acronym_key(n)
        if key and n.lower() not in COUNTRY_NAMES:
            hits = sorted({m for m in longs if _initials(m) == key})
            if len(hits) == 1:
                canon[n] = hits[0]
    return canon


def build_entities(
    mentions: Sequence[Mention], outlet_of: dict[str, str]
) -> tuple[tuple[Entity, ...], EntityIndex]:
    """Canonical entities of a story, most mentioned first, and an index resolving spellings to them."""
    mentions = decide_kinds(mentions)
    by_kind: dict[EntityKind, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        by_kind[m.kind][m.text] += 1
    canon: dict[tuple[EntityKind, str], str] = {}
    for k, names in by_kind.items():
        table = _merge_people(names) if k == "person" else _merge_named(names)
        for n, c in table.items():
            canon[(k, n)] = c
    # NER sometimes tags a person's surname as an organisation or place: it is the person.
    people_names = {c for (k, _n), c in canon.items() if k == "person"}
    # A surname two people of the story have ("Campbell": John and Peter Campbell) is a person of its own, as
    # EntityIndex.resolve leaves it, unless one of them is the story's (``dominant``).
    # A family name put first ("Wang", NER's organisation, for Wang Youcai) is the person all the same, when the
    # story shows its names in that order (two full names open with it: Wang Youcai, Wang Dan); an organisation
    # that opens one person's name stays the organisation ("Chase" beside Chase Carey), a place any ("Paris").
    full_people = sorted(p for p in people_names if is_full_name(p))
    opening = Counter(p.split()[0] for p in full_people)
    person_mentions: Counter[str] = Counter()
    for spelling, times in by_kind.get("person", Counter()).items():
        person_mentions[canon[("person", spelling)]] += times
    relabel: dict[tuple[EntityKind, str], str] = {}
    for (k, n), _c in canon.items():
        family_first = k == "org" and opening[n] >= 2
        if k != "person" and not is_full_name(n) and (bearers := bare_name_bearers(n, full_people, family_first)):
            relabel[(k, n)] = dominant(bearers, person_mentions.__getitem__) or n
    # Places and organisations may name the same country ("U.S." tagged ORG and GPE): one entity, a place.
    place_names = {c for (k, _n), c in canon.items() if k == "place"}
    for (k, n), c in list(canon.items()):
        if k == "org" and c in place_names:
            canon[(k, n)] = c
    agg_kind: dict[str, EntityKind] = {}
    aliases: dict[str, Counter[str]] = defaultdict(Counter)
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    outlets: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        name = m.metonym_of or relabel.get((m.kind, m.text)) or canon[(m.kind, m.text)]
        kind: EntityKind = "place" if m.metonym_of else ("person" if (m.kind, m.text) in relabel else m.kind)
        if m.kind == "org" and name in place_names:
            kind = "place"
        agg_kind.setdefault(name, kind)
        aliases[name][m.text] += 1
        if m.role:
            roles[name][m.role] += 1
        outlets[name].add(outlet_of.get(m.article_id, m.article_id))
    entities = []
    for name, kind in agg_kind.items():
        role_list = _dedupe_roles(roles[name])
        entities.append(Entity(
            name=name,
            kind=kind,
            aliases=tuple(sorted(a for a in aliases[name] if a != name)),
            roles=role_list,
            outlets=tuple(sorted(outlets[name])),
            mentions=sum(aliases[name].values()),
        ))
    entities.sort(key=lambda e: (-e.mentions, e.name))
    canon.update(relabel)
    return tuple(entities), EntityIndex(canon)


_KIND_ORDER: dict[EntityKind, int] = {"person": 0, "org": 1, "place": 2}


def decide_kinds(mentions: Sequence[Mention]) -> list[Mention]:
    """Mentions with each name's kind and each capital's reading decided across the story (rules 4 and 5).
    Idempotent; every stage that reads mentions (entities, quotes' speakers, the timeline's shared names)
    takes them from here, so all agree on what a name is."""
    votes: dict[str, Counter[EntityKind]] = defaultdict(Counter)
    hinted: dict[str, Counter[EntityKind]] = defaultdict(Counter)
    for m in mentions:
        votes[m.text][m.kind] += 1
        if m.hint is not None:
            votes[m.text][m.hint] += 2
            hinted[m.text][m.hint] += 1
    # most votes; on a tie the kind the context said (NER repeats its one mistake, the words around do not)
    kind_of = {n: min(v, key=lambda k: (-v[k], -hinted[n][k], _KIND_ORDER[k])) for n, v in votes.items()}
    capital_uses: dict[str, Counter[bool]] = defaultdict(Counter)
    for m in mentions:
        if m.text in CAPITALS:
            capital_uses[m.text][m.metonym_of is not None] += 1
    government = {c for c, uses in capital_uses.items() if uses[True] > uses[False]}
    out = []
    for m in mentions:
        kind = kind_of[m.text]
        metonym = CAPITALS[m.text] if m.text in government else None
        out.append(Mention(m.text, "place" if metonym else kind, m.article_id, m.start, m.end,
                           m.role if kind == "person" else None, metonym, m.hint))
    return out


def _dedupe_roles(roles: Counter[str]) -> tuple[str, ...]:
    """Roles by frequency; case variants and roles contained in a longer one collapse to the most common form."""
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for r, c in roles.items():
        groups[r.lower().replace(".", "")][r] += c
    forms = sorted(((sum(g.values()), g.most_common(1)[0][0]) for g in groups.values()), key=lambda x: (-x[0], x[1]))
    def key(x: str) -> str:
        return x.lower().replace(".", "")

    out: list[str] = []
    for _c, r in forms:
        if any(key(r) in key(o) for o in out):
            continue
        # A longer form ("Syrian President") replaces a shorter one it contains ("President").
        out = [o for o in out if key(o) not in key(r)]
        out.append(r)
    return tuple(out)
