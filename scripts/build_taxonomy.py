"""Build the skills taxonomy that extraction reads (src/rolemap/extract/data/skills.tsv.gz).

Sources (../shared/data/skill_sources, see its SOURCE.md): O*NET 29.2 Technology Skills (CC BY 4.0), the
ESCO digital skills collection (CC BY 4.0), simple-icons 16.37.0 (CC0), devicon 2.17.0 (MIT) and GitHub
Linguist's languages 9.5.0 (MIT); plus the hand-kept layer `extract/data/skills_layer.tsv`, whose ids,
categories, parents, aliases and flags always win. Entries of different sources are merged when their names
fold to the same key ("Node.js" = "nodejs"). The output is deterministic, so a test rebuilds it and compares:
never edit the generated file by hand.

Which names may match on their own is decided by method, not by list:
  * a name that is an everyday English word (every word of it at least COMMON_ZIPF in wordfreq, or a
    camel-cased word whose lower case English's lexicon holds: "InterConnect") is *guarded*: it matches only
    in the case written and in a technical context ("Slack", "Hive");
  * a generated entry named by a single word more common than VERY_COMMON_ZIPF ("Box", "Chat", "Square")
    is left out: too many sentences start with it, technical context or not;
  * a generated *alias* that is an everyday word ("Enterprise" of "ADP Enterprise") or claimed by several
    entries is dropped: only an entry's own name is worth guarding;
  * a hand-layer nickname of a product or a practice that is one everyday word ("torch" of PyTorch,
    "marathon" of Mesos, "queues" of message queues) needs a technical context, in any case:
    `_a_word_for_a_product`;
  * a name of one or two characters, an alias of three, needs the hand layer ("R", "Go", "PMP"); a name
    that is an acronym of three letters is guarded ("DOE": design of experiments, or the Department of
    Energy);
  * a context-bound name that is also an English verb (lemminflect's tables: "Make", "Go") is flagged
    `verb`: opening a sentence, it is the imperative unless a name-like word follows.

    python scripts/build_taxonomy.py [OUT] [SOURCES]
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lemminflect import getAllLemmas
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src/rolemap/extract/data"
OUT = DATA / "skills.tsv.gz"
LAYER = DATA / "skills_layer.tsv"
SOURCES = ROOT.parent / "shared/data/skill_sources"
COMMON_ZIPF = 3.0  # about once in a million words of English: "slack", "hive", "flask", "spark"
CAMEL_COMMON_ZIPF = 2.8  # "lifecycle" 2.87 (as "LifeCycle"); "sharepoint" 2.75, "netbackup" 1.0
VERY_COMMON_ZIPF = 4.0  # "word", "box", "access", "chat", "square", "processing", "salt"
RARE_WORD_ZIPF = 2.5  # about once in three million words: "workspace" 2.85, "captivate" 2.52
TRADE_NAME_SOURCES = frozenset({"onet", "esco", "simple-icons"})  # products listed by their trade names
VENDOR_MIN = 6  # a first word that starts this many O*NET product names is a maker's name ("Microsoft")
CAMEL_COINED_ZIPF = 2.3  # "ArcGIS" 2.04, "SketchUp" 2.05; "NextGen" 2.47, "BeeLine" 2.47 are words too
# a last word that ends this many O*NET product names is an edition or a kind ("Pro", "Server")
EDITION_MIN = 9

# O*NET commodity (UNSPSC) titles → category. A commodity is a kind of software, never a parent.
ONET_CATEGORIES = {
    "Data base management system software": "datastore",
    "Object oriented data base management software": "datastore",
    "Operating system software": "platform",
    "Development environment software": "tool",
    "Program testing software": "tool",
    "Compiler and decompiler software": "tool",
    "Object or component oriented development software": "framework",
    "Web platform development software": "framework",
    "Application server software": "server",
    "Web page creation and editing software": "frontend",
    "Configuration management software": "devops",
    "Network monitoring software": "observability",
    "System and network management software": "observability",
    "Transaction security and virus protection software": "security",
    "Network security and virtual private network VPN equipment operating system software": "security",
    "Enterprise application integration software": "messaging",
    "Business intelligence and data analysis software": "data",
    "Analytical or scientific software": "data",
    "Data mining software": "data",
    "Cloud-based management software": "cloud",
    "Cloud-based platform as a service PaaS software": "cloud",
    "Cloud-based infrastructure as a service IaaS software": "cloud",
    "Clustering software": "platform",
}
DEVICON_CATEGORIES = {
    "database": "datastore",
    "framework": "framework",
    "library": "library",
    "cloud": "cloud",
    "os": "platform",
    "testing": "tool",
    "editor": "tool",
    "ide": "tool",
    "tool": "tool",
    "monitoring": "observability",
    "server": "server",
    "language": "language-other",
}
LINGUIST_CATEGORIES = {"programming": "language-other", "markup": "format", "data": "format"}
_WORD = re.compile(r"[A-Za-z]+")


@dataclass
class Entry:
    id: str
    category: str
    name: str
    aliases: list[str] = field(default_factory=list)  # plain: any case, anywhere
    guarded: list[str] = field(default_factory=list)  # in the case written, in a technical context
    parent: str = ""
    flags: str = ""
    sources: set[str] = field(default_factory=set)
    hand: bool = False
    parent_hint: str = ""  # a name the sources give as its parent, resolved once every entry is known
    contextual: list[str] = field(default_factory=list)  # in any case, in a technical context


@dataclass(frozen=True)
class Candidate:
    name: str
    aliases: tuple[str, ...]
    category: str
    source: str
    parent_hint: str = ""
    id_hint: str = ""  # "ospf" for "Open Shortest Path First OSPF": the id postings use
    own_name: bool = False  # "TrackWise" of "Sparta Systems TrackWise": the same product as an entry so named


def fold(name: str) -> str:
    """The key two spellings of one name share: "Node.js" = "nodejs" = "Node JS", "C#" stays "c#"."""
    key = name.lower().strip()
    key = re.sub(r"(?<=\w)\.(?=\w)", "", key)
    return re.sub(r"[\s_\-]+", "", key)


def slug(name: str) -> str:
    text = (
        name.lower()
        .replace("c#", "csharp")
        .replace("c++", "cpp")
        .replace("f#", "fsharp")
        .replace("+", "-plus")
    )
    text = text.replace("#", "-sharp").replace(".net", "-net")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def is_common(name: str, brands: bool = False) -> bool:
    """Every word of the name is an everyday English word. A camel-cased word is judged whole, a little
    more strictly: "LifeCycle" is the word lifecycle, "NetBackup" and "SharePoint" are names. `brands`: a
    camel-cased word English's lexicon lacks is a product's name however often it is written ("PowerPoint",
    "QuickBooks"): asked of a product's short name, not of a firm's own ("PayPal", "WhatsApp" are firms too)."""
    words = name.replace("-", " ").split()
    if not words or not all(_WORD.fullmatch(w) for w in words):
        return False
    for word in words:
        camel = re.search(r"[a-z][A-Z]", word) is not None
        if camel and getAllLemmas(word.lower()):
            continue  # an English word in a brand's capitals, however seldom written: "InterConnect"
        if zipf_frequency(word, "en") < (CAMEL_COMMON_ZIPF if camel else COMMON_ZIPF):
            return False
        if brands and camel and len(word) > 4 and not getAllLemmas(word.lower()):
            return False
    return True


def is_very_common(name: str) -> bool:
    return bool(_WORD.fullmatch(name)) and zipf_frequency(name, "en") >= VERY_COMMON_ZIPF


# --- the hand layer


def read_layer(path: Path = LAYER) -> list[Entry]:
    """The hand layer's entries. Two lines of one name are one skill written twice, and the layer's flags would
    guard one of them only ("Echo" the Go framework, `cs,ctx`, beside an unflagged "Echo"): refused."""
    entries = []
    named: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        sid, category, name, aliases, parent, flags = (c.strip() for c in raw.split("\t"))
        if (twin := named.setdefault(fold(name), sid)) != sid:
            raise ValueError(f"{path.name}: {twin} and {sid} are both named {name!r}: one skill, one line")
        alias_list = [a.strip() for a in aliases.split(";") if a.strip()]
        entries.append(Entry(sid, category, name, alias_list, [], parent, flags, {"hand"}, hand=True))
    return entries


# --- the sources, each read into candidates


def onet(sources: Path) -> list[Candidate]:
    """O*NET examples are product names ("Apache Hadoop YARN"); a few are kinds of software written as a
    phrase ("Compatibility testing software"), which are left out. A trailing acronym is an alias
    ("Amazon Elastic Compute Cloud EC2")."""
    rows: dict[str, str] = {}
    with (sources / "onet_29_2/technology_skills.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            rows.setdefault(row["Example"].strip(), row["Commodity Title"].strip())
    kinds = {fold(title) for title in rows.values()}  # "Customer relationship management CRM software"
    vendors = makers(sources)
    # the acronyms of kinds written as a phrase ("Learning management system LMS")
    kind_acronyms = {
        words[-1]
        for raw in rows
        for words in [_onet_name(raw).split()]
        if len(words) >= 3 and _is_acronym_of(words[-1], words[:-1]) and _plain(words[:-1])
    }
    # words that end many product names name an edition or a kind ("Pro", "Server", "Asset Management")
    endings = Counter(
        words[-1].lower() for raw in rows for words in [_onet_name(raw).split()] if len(words) > 1
    )
    editions = frozenset(w for w, n in endings.items() if n >= EDITION_MIN)
    out, own_names = [], []
    for raw, commodity in sorted(rows.items()):
        name = _onet_name(raw)
        words = name.split()
        own = own_name(words, vendors, editions)
        if own:  # "Sparta Systems TrackWise", "Greenplum Database": postings write "TrackWise", "Greenplum"
            category = ONET_CATEGORIES.get(commodity, "business")
            own_names.append(Candidate(own, (name,), category, "onet", own_name=True))
            continue
        aliases: list[str] = []
        if len(words) >= 3 and _is_acronym_of(words[-1], words[:-1]):
            # "Beeline Learning Management System LMS": the kind's acronym after a maker's product is no
            # name of the product (nor its id); "Amazon Elastic Compute Cloud EC2" is the product's own
            if _plain(words[:-1]) or words[-1] not in kind_acronyms:
                aliases.append(words[-1])
            name = " ".join(words[:-1])
            words = words[:-1]
        plain_phrase = _plain(words)
        if plain_phrase and not aliases and (len(words) > 1 or name != raw):
            continue  # "Compatibility testing software", "Database software": a kind of software
        acronym = aliases[0] if aliases and len(aliases[0]) >= 3 else ""  # "OSPF": the id postings use
        if plain_phrase and aliases:  # "Dynamic host configuration protocol DHCP": postings name it "DHCP"
            name, aliases = aliases[0], [name]
        if words[0] in vendors and len(words) > 1 and words[1][:1].isupper():
            aliases.append(" ".join(words[1:]))  # "Microsoft Excel" → "Excel"
        if len(words) > 1 and _is_distinctive(words[-1]):
            aliases.append(words[-1])  # "Veritas NetBackup" → "NetBackup", "Hewlett Packard LoadRunner"
        # An example named like a commodity ("Customer relationship management CRM software") is the kind
        # itself, as a topic: CRM, ERP and CAD are kinds of software, not products.
        phrase = " ".join(words)  # without its acronym: "Geographic information system"
        kind = any(fold(form) in kinds for form in (raw, raw + " software", phrase, phrase + " software"))
        category = "topic" if kind else ONET_CATEGORIES.get(commodity, "business")
        out.append(
            Candidate(name, tuple(aliases), category, "onet", id_hint=slug(acronym) if acronym else "")
        )
    # after the others, so that an own name joins the entry another name gives it ("WebEx" of "WebEx Sales
    # Center" is "Cisco Webex", whose maker's name is cut off)
    return out + own_names


def own_name(words: list[str], vendors: frozenset[str], editions: frozenset[str]) -> str | None:
    """The one coined word that is a product's own name among its maker's words before it and its
    edition's after ("Hewlett Packard LoadRunner", "Trimble SketchUp Pro", "IBM Maximo Asset Management",
    "OpenRoads Designer"): a coined word (`_coined`) and no maker's; the words before it a name's, those
    after it English ending in an edition or a kind (a word ending many O*NET names, a kind's acronym)."""
    coined = [i for i, word in enumerate(words) if _coined(word) and word not in vendors]
    if len(coined) != 1 or len(words) == 1:
        return None
    at = coined[0]
    before, after = words[:at], words[at + 1 :]
    if not all(word[:1].isupper() for word in before + after):
        return None  # "Mesoscale modeling software": a kind of software written as a phrase
    if len(before) == 1 and not before[0].isupper() and _an_english_word(before[0].lower()):
        return None  # "Enterprise JavaBeans", "Visual SourceSafe": a word of the name, not its maker's
    if after and (
        after[-1].lower() not in editions
        or not all(_an_english_word(w.lower()) or w.lower() in editions for w in after)
    ):
        return None  # "Apache Hadoop YARN", "Cloudera Impala": the product is named by more words
    return words[at]


def _coined(word: str) -> bool:
    """A name no English text uses but as a name: camel-cased and rare ("TrackWise", "SketchUp"; not
    "NextGen"), or unseen in wordfreq's English ("Greenplum"). Rare words of English are not enough:
    "Modeler", "Webmaster", "Lightspeed", "Photogrammetry" and makers' names ("Palantir") are as rare."""
    if len(word) < 4 or not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", word) or word.isupper():
        return False
    if getAllLemmas(word.lower()) or _derived_from_english(word.lower()):
        return False
    frequency = zipf_frequency(word, "en")
    if re.search(r"[a-z][A-Z]", word):  # "eClinicalWorks", "OpenRoads"
        return frequency < CAMEL_COINED_ZIPF
    return word[0].isupper() and frequency == 0


def _derived_from_english(word: str) -> bool:
    """ "decisioning", "timecards": an English word with an ending added, which the lexicon lacks."""
    for ending in ("ing", "ed", "er", "ers", "s", "es", "ation", "ations"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3 and (getAllLemmas(stem) or getAllLemmas(stem + "e")):
            return True
    return False


def _an_english_word(word: str) -> bool:
    return bool(getAllLemmas(word)) or zipf_frequency(word, "en") >= COMMON_ZIPF


def _onet_name(raw: str) -> str:
    name = re.sub(r"\s+software$", "", raw)
    return re.sub(r"\s+\(([A-Z][A-Z0-9&]{1,6})\)$", r" \1", name)  # "AWS Elastic MapReduce (EMR)"


def _plain(words: list[str]) -> bool:
    """Words written as a phrase, not a name: no capital or digit past the first letter."""
    return not any(c.isupper() or c.isdigit() for c in " ".join(words)[1:])


def makers(sources: Path) -> frozenset[str]:
    """First words that start many O*NET product names: makers ("Microsoft", "Oracle", "Autodesk")."""
    with (sources / "onet_29_2/technology_skills.tsv").open(encoding="utf-8") as f:
        names = {row["Example"].strip() for row in csv.DictReader(f, delimiter="\t")}
    firsts = Counter(n.split()[0] for n in names if len(n.split()) > 1)
    return frozenset(w for w, c in firsts.items() if c >= VENDOR_MIN and w[:1].isupper())


def product_id(name: str, vendors: frozenset[str]) -> str:
    """The id postings use: the product without its maker ("Microsoft Visio" → visio), unless what is
    left is a word of English ("Microsoft Word" stays microsoft-word, "Google Workspace" google-workspace)."""
    words = name.split()
    if len(words) > 1 and words[0] in vendors and words[1][:1].isupper():
        product = " ".join(words[1:])
        if len(product) > 3 and not is_common(product, brands=True) and not _a_word_of_english(product):
            return slug(product)
    return slug(name)


def _is_distinctive(word: str) -> bool:
    """A word that names one thing: a coined or camel-cased name ("NetBackup", "LoadRunner"), not English."""
    if not re.fullmatch(r"[A-Z][A-Za-z]{4,}", word) or word.isupper():
        return False
    return bool(re.search(r"[a-z][A-Z]", word)) and zipf_frequency(word, "en") < COMMON_ZIPF


def _is_acronym_of(token: str, words: list[str]) -> bool:
    """ "EC2" of "Amazon Elastic Compute Cloud": its letters are initials of the words, in order; or
    "MPLS" of "Multiprotocol Label Switching", "SaaS" of "Software as a service": every word gives its
    initial and may give more of its letters, in order ("Hypertext markup language" → HTML)."""
    if re.fullmatch(r"[A-Z][A-Z0-9&]{1,6}", token):
        initials = iter(w[0].upper() for w in words if w)
        if all(any(i == c for i in initials) for c in token if c.isalpha()):
            return True
    if not re.fullmatch(r"[A-Z]{2,7}", token):  # "SaaS", "eCTD": kinds and brands, not acronyms to match
        return False
    return _spelled(token.lower(), [w.lower() for w in words if w])


def _spelled(letters: str, words: list[str]) -> bool:
    """letters = each word's initial followed by none or more of that word's later letters, in order."""
    if not words:
        return not letters
    word = words[0]
    if not letters or letters[0] != word[0]:
        return False
    # the word may give letters[1:k] from its own later letters; the rest must come from the next words
    given, at = 1, 1
    while True:
        if _spelled(letters[given:], words[1:]):
            return True
        if given == len(letters):
            return False
        at = word.find(letters[given], at)
        if at == -1:
            return False
        given, at = given + 1, at + 1


def esco(sources: Path) -> list[Candidate]:
    """ESCO's knowledge concepts named by a proper name ("Haskell", "WizIQ"); its verb phrases ("operate
    control panels") and topics ("software anomalies") are not technologies."""
    out = []
    with (sources / "esco_digital/digitalSkillsCollection_en.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["preferredLabel"].strip()
            if row["skillType"] != "knowledge" or not re.search(r"[A-Z0-9]", name):
                continue
            if any(w.islower() and len(w) > 3 for w in name.split()):
                continue  # "ICT encryption", "SAP R3 tools": a topic about a name, not the name
            aliases = tuple(
                a.strip()
                for a in row["altLabels"].split("|")
                if " " not in a.strip() and re.search(r"[A-Z]", a)
            )
            out.append(Candidate(name, aliases, "other", "esco"))
    return out


def devicon(sources: Path) -> list[Candidate]:
    """Devicon names are slugs ("adonisjs"); its tags name a kind ("framework") and often the language
    ("nodejs"), which becomes the parent of a framework or library."""
    out = []
    for item in json.loads((sources / "npm/devicon_2.17.0.json").read_text(encoding="utf-8")):
        tags = item.get("tags", [])
        category = next((DEVICON_CATEGORIES[t] for t in tags if t in DEVICON_CATEGORIES), "tool")
        hint = (
            next((t for t in tags if t not in DEVICON_CATEGORIES), "")
            if category in ("framework", "library")
            else ""
        )
        out.append(Candidate(item["name"], tuple(item.get("altnames", [])), category, "devicon", hint))
    return out


def linguist(sources: Path) -> list[Candidate]:
    """Programming, markup and data languages (not prose); a language's group is its parent ("TSX" →
    TypeScript)."""
    out = []
    for name, lang in json.loads(
        (sources / "npm/linguist_languages_9.5.0.json").read_text(encoding="utf-8")
    ).items():
        if lang["type"] not in LINGUIST_CATEGORIES:
            continue
        aliases = tuple(a for a in lang.get("aliases", []) if a.lower() != name.lower())
        out.append(
            Candidate(name, aliases, LINGUIST_CATEGORIES[lang["type"]], "linguist", lang.get("group", ""))
        )
    return out


def simple_icons(sources: Path) -> list[Candidate]:
    """Brands of every kind (shops, banks, newspapers): they only add names and a source to an entry
    another source already has."""
    out = []
    for item in json.loads((sources / "npm/simple-icons_16.37.0.json").read_text(encoding="utf-8")):
        aka = tuple(item.get("aliases", {}).get("aka", []))
        out.append(Candidate(item["title"], aka, "other", "simple-icons"))
    return out


# --- merging


class Taxonomy:
    def __init__(self, layer: list[Entry], vendors: frozenset[str]) -> None:
        self.vendors = vendors
        self.entries: dict[str, Entry] = {}
        self.by_key: dict[str, str] = {}  # folded name or alias → id (names first)
        self.by_maker_less: dict[str, str] = {}  # a name without its maker's word → its entry
        for e in layer:
            self.entries[e.id] = e
        for e in layer:
            for n in (e.name, e.id, *e.aliases):
                self.by_key.setdefault(fold(n), e.id)

    def add(self, c: Candidate, create: bool = True) -> None:
        key = fold(c.name)
        if not key or (len(key) < 2 and not c.name.isupper()):
            return
        sid = self.by_key.get(key)
        if sid is None and c.own_name:  # "WebEx" is "Cisco Webex", named "Webex" without its maker
            sid = self.by_maker_less.get(key)
        if sid is None and c.source == "onet":
            sid = self._hand_product(c)
        if sid is None:
            if not create:
                return
            sid = (
                c.id_hint if c.id_hint and c.id_hint not in self.entries else product_id(c.name, self.vendors)
            )
            if sid in self.entries:  # "Oracle HRIS" beside the kind HRIS: the maker's name keeps it apart
                sid = slug(c.name)
            while sid in self.entries:
                sid += "-" + c.source.split("-")[0]
            self.entries[sid] = Entry(sid, c.category, c.name, parent_hint=c.parent_hint)
            self.by_key[key] = sid
            for alias in c.aliases:  # "Veritas NetBackup" of "Symantec Veritas NetBackup": the same product
                if " " in alias:
                    self.by_key.setdefault(fold(alias), sid)
        entry = self.entries[sid]
        entry.sources.add(c.source)
        if (
            not entry.hand
            and entry.name.islower()
            and not c.name.islower()
            and fold(c.name) == fold(entry.name)
        ):
            # devicon's slug "slack" is the product O*NET and simple-icons write "Slack"; a slug of several
            # words stays an alias, as postings write it so too ("redhat", "androidstudio", "raspberrypi")
            slug_name, entry.name = entry.name, c.name
            if " " in c.name and slug_name not in entry.aliases:
                entry.aliases.append(slug_name)
        if not entry.hand and (entry.category == "other" or c.category == "topic") and c.category != "other":
            entry.category = c.category  # a name O*NET also gives as a kind of software is that kind ("ERP")
        if not entry.parent_hint and c.parent_hint:
            entry.parent_hint = c.parent_hint
        for name in (c.name, *c.aliases):
            if fold(name) != fold(entry.name) and name not in entry.aliases:
                entry.aliases.append(name)
        maker, _, product = c.name.partition(" ")
        if maker in self.vendors and product:  # "Webex" of "Cisco Webex"
            self.by_maker_less.setdefault(fold(product), sid)

    def _hand_product(self, c: Candidate) -> str | None:
        """The entry an O*NET product already is, named another way: by the shorter name derived from it
        ("Symantec Veritas NetBackup" is "Veritas NetBackup"), or, for a hand-layer entry, by its acronym
        ("Border Gateway Protocol BGP") or without its maker's words ("Microsoft Windows PowerShell")."""
        words = c.name.split()
        derived = [a for a in c.aliases if " " in a]
        for form in derived:
            sid = self.by_key.get(fold(form))
            if sid is not None and fold(self.entries[sid].name) == fold(form):
                return sid
        for form in (*c.aliases, *(" ".join(words[i:]) for i in range(1, len(words)))):
            sid = self.by_key.get(fold(form))
            # a product is no practice or field: "IBM SPSS Statistics" is not the practice Statistics
            concept = sid is not None and self.entries[sid].category in ("practice", "topic")
            if sid is not None and self.entries[sid].hand and len(fold(form)) >= 3 and not concept:
                return sid
        return None

    def settle_names(self, layer_aliases: dict[str, set[str]]) -> None:
        """Which entry may match each name, and how: plain, guarded (in the case written, in a technical
        context) or not at all. The hand layer's own names are its decisions and stay as written. An entry
        left without its own name to match by is dropped ("Box"). A name is its owner's though other entries
        give it as an alias ("OpenGL", devicon's, is O*NET's "Open Graphics Library OpenGL" too): only a
        name several entries own is shared."""
        claims: dict[str, set[str]] = defaultdict(set)
        owners: dict[str, set[str]] = defaultdict(set)
        for e in self.entries.values():
            owners[fold(e.name)].add(e.id)
            for n in (e.name, *e.aliases):
                claims[fold(n)].add(e.id)
        hand_keys = {
            fold(n): sid
            for sid, names in layer_aliases.items()
            for n in (*names, self.entries[sid].name, sid)
        }
        for e in self.entries.values():
            decided = layer_aliases.get(e.id, set())
            keep: list[str] = []
            guarded: list[str] = []
            contextual: list[str] = []
            for n in dict.fromkeys(e.aliases if e.hand else [e.name, *e.aliases]):
                key = fold(n)
                if n in decided:
                    (contextual if _a_word_for_a_product(n, e) else keep).append(n)
                elif hand_keys.get(key, e.id) != e.id:
                    continue  # a name the hand layer gave to another entry
                elif key != fold(e.name):  # an alias
                    if len(claims[key]) == 1 and len(key) > 3 and not is_common(n, brands=True):
                        keep.append(n)
                elif len(key) <= 2 or is_very_common(n):
                    continue
                elif (
                    is_common(n)
                    or len(owners[key]) > 1
                    # another entry's alias too, and a word ("Kickstart": and a verb) or an acronym ("HRIS")
                    or (len(claims[key]) > 1 and _shared_and_ambiguous(n))
                    or (len(key) == 3 and n.isupper())
                ):
                    if n != n.lower():  # "DOE", "IPS": an acronym of three letters means many things
                        guarded.append(n)
                else:
                    keep.append(n)
            e.aliases, e.guarded, e.contextual = keep, guarded, contextual
            if not e.hand and e.name not in keep and e.name not in guarded:
                e.flags = "drop"

    def settle_parents(self) -> None:
        """A parent from the sources' structure: a language's group (Linguist), the language a framework
        is tagged with (devicon), or a hand-layer product whose full name starts this one's ("Apache Hadoop" of
        "Apache Hadoop YARN", "Amazon Web Services" of "Amazon Web Services AWS CloudFormation")."""
        names: dict[str, str] = {}  # a prefix parent must be a hand-layer entry: not a maker ("Autodesk")
        for e in self.entries.values():
            if e.hand:
                for n in (e.name, *e.aliases):
                    names.setdefault(n.lower(), e.id)
        for e in self.entries.values():
            if e.hand or e.parent:
                continue
            parent = self.by_key.get(fold(e.parent_hint)) if e.parent_hint else None
            if parent is None:
                words = e.name.split()
                for size in range(len(words) - 1, 0, -1):
                    parent = names.get(" ".join(words[:size]).lower())
                    if parent:
                        break
            if parent and parent != e.id and self.entries[parent].flags != "drop":
                e.parent = parent
        for e in self.entries.values():  # a parent chain never loops: cut a link that would close one
            seen = {e.id}
            p = e.parent
            while p:
                if p in seen:
                    e.parent = ""
                    break
                seen.add(p)
                p = self.entries[p].parent


# the kinds of entry that are fields, protocols or languages: their lower-case words are how postings write
# them ("a cache", "firmware", "https"), not a nickname. A practice's one-word alias is bound like a product's:
# "queues" are a support desk's or a claims office's as often ("work queues", "fraud queues")
_CONCEPT_CATEGORIES = frozenset({"topic", "security", "protocol", "language", "language-other"})


def _a_word_for_a_product(alias: str, e: Entry) -> bool:
    """A hand-layer nickname of a product or a practice that is one everyday word ("torch" of PyTorch,
    "marathon" of Mesos, "travis" of Travis CI, "queues" of message queues): plain, it would match "a welding
    torch", "marathon runners", "Email Travis", "work queues". It matches as a `ctx` name does, in any case
    ("mongo, dynamo"), with a technology or a context word beside it."""
    return (
        e.category not in _CONCEPT_CATEGORIES
        and alias.isalpha()
        and alias.islower()
        and len(alias) > 3
        and fold(alias) != fold(e.name)
        and is_common(alias)
    )


def mark_verbs(entries: Iterable[Entry]) -> None:
    """Flag `verb` the context-bound names (`ctx`) that are also an English verb as written ("Make", "Go",
    "Express"): opening a sentence and followed by a function word, such a word is the imperative ("Make
    sure", "Go to our site"). From lemminflect's verb tables, not a list; an acronym ("FIX") is no verb."""
    for e in entries:
        word = e.name.lower()
        flags = e.flags.split(",") if e.flags else []
        if (
            "ctx" in flags
            and word.isalpha()
            and not e.name.isupper()
            and getAllLemmas(word, upos="VERB").get("VERB") == (word,)
        ):
            e.flags = ",".join([*flags, "verb"])


def mark_case_written(entries: Iterable[Entry]) -> None:
    """Flag `cs` a generated product whose name is a word of English too rare to guard ("Workspace",
    "Captivate", "SMARTS", "Compilers"): O*NET, ESCO and simple-icons list products by their trade names, which
    postings write with those capitals, while the word in lower case is the word ("a shared workspace", "to
    captivate viewers", "hiring for smarts"). Developers' lists (devicon, Linguist) are left alone: their
    tools are written in lower case as often as not ("handlebars", "gulp")."""
    for e in entries:
        flags = e.flags.split(",") if e.flags else []
        if e.hand or "cs" in flags or "drop" in flags or not e.sources <= TRADE_NAME_SOURCES:
            continue
        if any(_a_word_of_english(name) for name in e.aliases):
            e.flags = ",".join([*flags, "cs"])


def _shared_and_ambiguous(name: str) -> bool:
    """A name another entry also gives that may mean something else: a word of English ("Kickstart"), an
    acronym ("HRIS"), or, written in lower case as devicon writes names, one of three letters or fewer
    ("sdl", "vim") or a word English's lexicon holds ("gimp"); "opengl" and "emacs" are names."""
    if name == name.lower():
        word = name.replace("-", "")
        return len(word) <= 3 or bool(getAllLemmas(word))
    return _a_word_of_english(name) or name.isupper()


def _a_word_of_english(name: str) -> bool:
    """One word written with capitals whose lower case English's lexicon holds ("SMARTS", "Captivate"), or,
    written as a word (not camel-cased, not in capitals), is at least RARE_WORD_ZIPF ("Workspace")."""
    word = name.lower()
    if not name.isalpha() or name == word:
        return False
    if getAllLemmas(word):
        return True
    camel = re.search(r"[a-z][A-Z]", name) is not None
    return not camel and not name.isupper() and zipf_frequency(word, "en") >= RARE_WORD_ZIPF


def build(sources: Path = SOURCES, layer_path: Path = LAYER) -> list[Entry]:
    layer = read_layer(layer_path)
    taxonomy = Taxonomy(layer, makers(sources))
    layer_aliases = {e.id: set(e.aliases) for e in layer}
    for reader in (linguist, devicon, esco, onet):
        for c in reader(sources):
            taxonomy.add(c)
    for c in simple_icons(sources):
        taxonomy.add(c, create=False)
    taxonomy.settle_names(layer_aliases)
    taxonomy.settle_parents()
    mark_verbs(taxonomy.entries.values())
    mark_case_written(taxonomy.entries.values())
    kept = [e for e in taxonomy.entries.values() if e.flags != "drop"]
    hand_order = {e.id: i for i, e in enumerate(layer)}
    return sorted(kept, key=lambda e: (e.id not in hand_order, hand_order.get(e.id, 0), e.id))


def write(path: Path = OUT, sources: Path = SOURCES, layer_path: Path = LAYER) -> int:
    entries = build(sources, layer_path)
    text = io.StringIO()
    text.write(
        "# rolemap skills taxonomy, built by scripts/build_taxonomy.py from skills_layer.tsv and the open\n"
        "# sources credited in ATTRIBUTION.md. Do not edit: change the layer or the script and rebuild.\n"
        "# id\tcategory\tname\taliases (;)\tparent\tflags\tsources (,)\tguarded aliases (;)\tcontext aliases (;)\n"
    )
    for e in entries:
        aliases = [a for a in e.aliases if a != e.name]
        cols = [e.id, e.category, e.name, ";".join(aliases), e.parent, e.flags, ",".join(sorted(e.sources))]
        cols += [";".join(e.guarded), ";".join(e.contextual)]
        text.write("\t".join(c.replace("\t", " ") for c in cols) + "\n")
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(text.getvalue().encode("utf-8"))
    return len(entries)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    sources = Path(sys.argv[2]) if len(sys.argv) > 2 else SOURCES
    count = write(target, sources)
    print(f"wrote {target}: {count:,} skills ({target.stat().st_size:,} bytes)")
