"""Writes this folder's 32 project files from *Från bidrag till egen försörjning* (Stockholms
stad, kommunstyrelsens utlåtande 2005: RVII, Dnr 338-1002/2004), its table 1.3 and section 2.

    .venv/bin/python sample_projects/utvecklingsmedel-2002-2003/generate.py ../shared/seeds/003_*.txt   (from the repository root)

Each project's description is its "Mål och syfte" in the report's words (a paragraph its
page breaks cut is joined again); the district's own parts of its section are its final
report's text, word for word: "Målgrupp" and "… erfarenheter och slutsatser" and "… förslag till
fortsatt arbete" as chapters (``[[chapters]]``, under the report's own labels), "… planer för
implementering" as the implementation text; a pointer to another section ("Se under … 2.1.1
ovan") and "Samordnarens kommentar" (the coordinator's, not the district's) are left out.
What the file reconstructs, and how, is the
``[provenance]`` note, which the overview shows and no document sent from it prints.
Only what the report states: district, area, title, granted amount per year ("År:" and
"Beviljade medel: 332 tkr (250 tkr 2002 och 82 tkr 2003)"), implementation plans, whether
the final report came in ("Antal slutredovisade projekt" 9, 8, 12: 2.2.2, 2.3.7 and 2.3.9
never reported), and the results stated as "N av M".  Per-project yes/no for Kista and
Maria-Gamla stan is inferred from the projects' own texts so that the district counts
match the table (4/1 and 1/1).  The period is the year(s) granted, 1 January to
31 December: the report names years, not dates.
"""

from datetime import date
from pathlib import Path
import re, sys, unicodedata
from lilla_ratten.model import (Chapter, Provenance, FunderReport, Grant, Implementation, ImplementationStatus, OutcomeMeasure,
                                Project, ProjectInfo)
from lilla_ratten.storage import render

# (section in the report, district as in table 1.3, area, title, granted tkr, implementation planned?)
P = [
 ("2.1.1","Skärholmen","socialmedicin","Myndighetssamverkan",300,True),
 ("2.1.2","Kungsholmen","socialmedicin","Rätt insats för att minska försörjningsstöd (RIFF)",332,True),
 ("2.1.3","Kungsholmen","socialmedicin","Försörjningsstöd avvecklas för sjukskrivna (FAS)",100,True),
 ("2.1.4","Kista","socialmedicin","ASI-metoden (Addiction Severity Index)",271,True),
 ("2.1.5","Skärholmen","socialmedicin","Lösningsfokuserat arbetssätt",762,True),
 ("2.1.6","Maria-Gamla stan","socialmedicin","Fördjupningen",400,True),
 ("2.1.7","Maria-Gamla stan","socialmedicin","Fördjupningen (andra projektet)",400,False),
 ("2.1.8","Enskede-Årsta","socialmedicin","Stödkonsulenterna",813,True),
 ("2.1.9","Vantör","socialmedicin","Mobilisering Hälsoutveckling",396,False),
 ("2.2.1","Rinkeby","sfi","SFI-plus (Rinkeby, Kista och Spånga-Tensta)",1200,False),
 ("2.2.2","Rinkeby","sfi","SFI-plus, fortsättning",349,False),
 ("2.2.3","Hässelby-Vällingby","sfi","Metodutvecklingsarbete för mottagning av nyinflyttade SFI-elever",350,True),
 ("2.2.4","Hässelby-Vällingby","sfi","Metodutveckling, arbetslinje för SFI-studerande (fortsättning)",305,True),
 ("2.2.5","Skarpnäck","sfi","Praktikplacering för SFI-elever parallellt med SFI-undervisning",669,True),
 ("2.2.6","Hägersten, Älvsjö och Liljeholmen","sfi","Praktikprojekt med praktikcoacher",1207,True),
 ("2.2.7","Vantör","sfi","Utomnordiska arbetslösa som läst SFI i 5–15 år",380,False),
 ("2.2.8","Skarpnäck","sfi","SFI-studerande bilmekaniker",185,True),
 ("2.2.9","Vantör","sfi","SFI-studerande som läser mindre än halvtid",190,False),
 ("2.3.1","Rinkeby","arbetsmarknad","Järva kompetens/Rinkeby arbetscentrum",1000,False),
 ("2.3.2","Vantör","arbetsmarknad","Stöd och vägledning till långtidsarbetslösa invandrade barnfamiljer",650,False),
 ("2.3.3","Kista","arbetsmarknad","Nätverk obekväma arbetstider",300,False),
 ("2.3.4","Kista","arbetsmarknad","Ensamstående arbetslösa med barn (fortsättning på Nätverk obekväma arbetstider)",274,True),
 ("2.3.5","Kista","arbetsmarknad","Stockholms matchning (förstärkt projektledning)",560,True),
 ("2.3.6","Rinkeby","arbetsmarknad","Baskurs med vårdinriktning för somalier",500,False),
 ("2.3.7","Rinkeby","arbetsmarknad","Arbetslösa invandrare (fortsättning av baskurs med vårdinriktning)",450,False),
 ("2.3.8","Vantör","arbetsmarknad","Färdigbehandlade arbetslösa missbrukare",410,False),
 ("2.3.9","Rinkeby","arbetsmarknad","Arbetslösa ungdomar och deras arbetslösa föräldrar",337,False),
 ("2.3.10","Vantör","arbetsmarknad","Nya mottagningen, arbetslösa under 25 år",296,False),
 ("2.3.11","Farsta","arbetsmarknad","Långtidsarbetslösa ungdomar 17–25 år",397,True),
 ("2.3.12","Spånga-Tensta","arbetsmarknad","Lunda Nova jobbaktiv",285,True),
 ("2.3.13","Kista","arbetsmarknad","Ibilitymetoden",860,True),
 ("2.3.14","Simba","arbetsmarknad","Simba",600,True),
]
# grants by year, where the report splits the amount or names one year ("År: 2003");
# 2.1.9 is "2002 och 2003" with no split: one grant whose year is not stated
YEARS = {
 "2.1.2": [(2002, 250), (2003, 82)], "2.1.8": [(2002, 586), (2003, 227)], "2.1.9": [(None, 396)],
 "2.2.5": [(2002, 350), (2003, 319)], "2.3.2": [(2002, 320), (2003, 330)],
}
IN_2003 = {"2.1.3", "2.1.4", "2.1.7", "2.2.2", "2.2.4", "2.2.7", "2.2.8", "2.2.9", "2.3.4", "2.3.7", "2.3.8", "2.3.9",
           "2.3.10", "2.3.11", "2.3.12", "2.3.13", "2.3.14"}
NOT_REPORTED = {  # "Antal slutredovisade projekt": 9 of 9, 8 of 9, 12 of 14
 "2.2.2": "Trots flera påminnelser har Rinkeby sdf inte redovisat några resultat.",
 "2.3.7": "Stadsdelen har inte lämnat in någon redovisning (ofullständig för 2002, ingen alls för 2003).",
 "2.3.9": "Trots flera påminnelser har stadsdelen inte redovisat projektet.",
}
# (indicator, count, of, the report's words)
OUTCOMES = {
 "2.1.7": ("Försörjning utanför socialtjänsten", 122, 233, "122 personer av totalt 233 har fått sin försörjning utanför socialtjänsten. Det motsvarar cirka 52,3 %. (t.o.m. 15 december 2003)"),
 "2.2.5": ("Inte längre behov av försörjningsstöd", 19, 40, "nästan 50 % (19 av 40) inte längre har behov av försörjningsstöd"),
 "2.3.3": ("Inte längre behov av försörjningsstöd", 14, 26, "14 av 26 deltagare hade inte behov av försörjningsstödet längre"),
 "2.2.8": ("Självförsörjande", 5, 30, "30 deltagare varav 5 har blivit självförsörjande"),
 "2.3.2": ("Självförsörjande", 2, 62, "Endast 2 av 62 föräldrar som deltog i projektet blev självförsörjande"),
 "2.3.6": ("Självförsörjande", 6, 52, "endast 6 av 52 deltagarna hade blivit självförsörjande"),
 "2.3.14": ("Självförsörjande", 12, 53, "Totalt 53 personer deltog i projektet varav 12 personer har blivit självförsörjande"),
}


def grants(sec, tkr):
    split = YEARS.get(sec) or [(2003 if sec in IN_2003 else 2002, tkr)]
    assert sum(a for _y, a in split) == tkr, sec
    return [Grant(id=f"G{y or 'P'}", year=y, amount=a * 1000) for y, a in split]


def slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii","ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+","-",s).strip("-")[:50].strip("-")
out = Path("sample_projects/utvecklingsmedel-2002-2003")
REPORT = Path(sys.argv[1]).read_text(encoding="utf-8")
SOURCE = "Från bidrag till egen försörjning, Stockholms stad, kommunstyrelsens utlåtande 2005: RVII (Dnr 338-1002/2004)"


def purpose(sec: str) -> str | None:
    """The project's "Mål och syfte" in the report's words, or None."""
    m = re.search(rf"^{re.escape(sec)} .*$", REPORT, re.M)
    if not m:
        return None
    rest = REPORT[m.end():]
    nxt = re.search(r"^\d\.\d\.\d+ ", rest, re.M)
    body = rest[: nxt.start()] if nxt else rest
    k = body.find("Mål och syfte:")
    if k < 0:
        return None
    text = body[k + len("Mål och syfte:"):]
    label = re.search(r"\n\n[A-ZÅÄÖ][^:\n]{2,60}: ", text)
    text = text[: label.start()] if label else text
    paragraphs: list[str] = []
    for para in (p.strip() for p in text.strip().split("\n\n") if p.strip()):
        if paragraphs and (para[0].islower() or para[0].isdigit() or not paragraphs[-1].endswith((".", ":", "!", "?"))):
            paragraphs[-1] += " " + para  # cut by a page break
        else:
            paragraphs.append(para)
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
WHO = r"(?:Stadsdelsförvaltningens|Stadsdelens|Stadsdelen|Stadsdelarnas|Simbas)"
# the district's own parts of a project's section, as the report labels them; the coordinator's
# comment ("Samordnarens kommentar") is the committee's, not the project's, and is left out
FIELDS = {
    "target": r"Målgrupp",
    "experience": WHO + r" erfarenhet(?:er)? och slutsatser",
    "implementation": WHO + r" (?:implementeringsplaner|planer för implementering)",
    "further": WHO + r" förslag till fortsatt arbete",
}


def _body(sec: str) -> str:
    m = re.search(rf"^{re.escape(sec)} .*$", REPORT, re.M)
    rest = REPORT[m.end():]
    nxt = re.search(r"^\d\.\d\.\d+ ", rest, re.M)
    return rest[: nxt.start()] if nxt else rest


def _joined(text: str) -> str:
    """Paragraphs as the report has them: footnotes out, a paragraph a page break cut (or a word
    its line end hyphenated) joined again, footnote marks dropped."""
    paragraphs: list[str] = []
    for para in (p.strip() for p in text.strip().split("\n\n") if p.strip()):
        if para[0] in SUPERSCRIPT:
            continue  # a footnote at the page's foot
        para = " ".join(para.translate({ord(c): None for c in SUPERSCRIPT}).split())
        # a word the line end broke ("fram- gångsfaktor"), not a compound's shared part ("hälso- och")
        para = re.sub(r"(\w)- ([a-zåäö]+)", lambda m: m[0] if m[2] in ("och", "eller", "samt") else m[1] + m[2], para)
        if paragraphs and paragraphs[-1].endswith("-") and para[0].islower():
            paragraphs[-1] = paragraphs[-1][:-1] + para
        elif paragraphs and (para[0].islower() or not paragraphs[-1].endswith((".", ":", "!", "?", "”", '"', ")"))):
            paragraphs[-1] += " " + para
        else:
            paragraphs.append(para)
    return "\n\n".join(paragraphs)


def part(sec: str, field: str) -> tuple[str, str] | None:
    """(the report's label, the text under it) for one of FIELDS, or None."""
    body = _body(sec)
    m = re.search(rf"(?:^|\n\n)({FIELDS[field]}): ", body)
    if not m:
        return None
    text = body[m.end():]
    label = re.search(r"\n\n[A-ZÅÄÖ][^:\n]{2,60}: ", text)
    text = text[: label.start()] if label else text
    # text after the coordinator's comment is the committee's narrative, never reached here
    return m.group(1), _joined(text)


def chapters(sec: str) -> list[Chapter]:
    """The project's own parts of its section beside the description: its target group, its
    experience and conclusions, its proposal for further work (not a pointer to another
    section: "Se under … 2.1.1 ovan")."""
    out: list[Chapter] = []
    for kid, field, after, level in (("K1", "target", "description", 2), ("K2", "experience", "conclusions", 1),
                                     ("K3", "further", "implementation", 2)):
        found = part(sec, field)
        if found and not found[1].startswith("Se under"):
            out.append(Chapter(id=kid, report="final", after=after, title=found[0], text=found[1], level=level))
    return out


def implementation_text(sec: str) -> str | None:
    found = part(sec, "implementation")
    return found[1] if found and not found[1].startswith("Se under") else None


AREA = {"socialmedicin": "Socialmedicin", "sfi": "SFI", "arbetsmarknad": "Arbetsmarknad"}
NOTES = {
 "2.2.2": " Trots flera påminnelser har Rinkeby sdf (huvudman) inte redovisat några resultat och därmed inte uppfyllt kraven på uppföljning.",
}
for sec, district, area, title, tkr, impl in P:
    ident = f"5plus5-{sec.replace('.','-')}-{slug(title)}"
    unit = district if district == "Simba" else f"{district} stadsdelsförvaltning"
    given = grants(sec, tkr)
    years = [g.year for g in given if g.year] or [2002, 2003]
    outcome = OUTCOMES.get(sec)
    p = Project(project=ProjectInfo(
        id=ident, name=title, organisation=district, unit=None,
        start=date(min(years), 1, 1), end=date(max(years), 12, 31),
        funding="Utvecklingsmedel 2002–2003 (socialtjänstnämnden och integrationsnämnden)",
        area=AREA[area], granted=tkr*1000,
        description=purpose(sec)),
        grants=given,
        provenance=Provenance(reconstructed=True, source=f"{SOURCE}, avsnitt {sec}",
                              note=f"Beviljade medel {tkr} tkr. År, belopp, implementering och resultat enligt rapporten; perioden är de beviljade åren (datum anges inte); inget annat är känt." + NOTES.get(sec, ""),
                              estimated=["project.start", "project.end"]),
        funder_reports=[FunderReport(id="slut", final=True, received=sec not in NOT_REPORTED, comment=NOT_REPORTED.get(sec))],
        outcomes=[OutcomeMeasure(id="R1", indicator=outcome[0], count=outcome[1], of=outcome[2], unit="personer",
                          date=date(2003, 12, 15) if sec == "2.1.7" else None, comment=outcome[3])] if outcome else [],
        implementation=Implementation(status=ImplementationStatus.PLANNED if impl else ImplementationStatus.NOT_PLANNED,
                                      text=implementation_text(sec)),
        chapters=chapters(sec))
    (out / f"{sec.replace('.','-')}-{slug(district)}-{slug(title)}.toml").write_text(render(p), encoding="utf-8")
print(len(P), sum(t for *_, t, _i in P))
