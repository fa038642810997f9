"""Writes this folder's 32 project files from seed 003's table 1.3 and section 2.

    .venv/bin/python sample_projects/utvecklingsmedel-2002-2003/generate.py   (from the repository root)

Only what the seed states: district, area, title, granted amount, implementation plans.
Per-project yes/no for Kista and Maria-Gamla stan is inferred from the projects' own
texts so that the district counts match the table (4/1 and 1/1).
"""

from datetime import date
from pathlib import Path
import re, unicodedata
from lilla_ratten.model import Project, ProjectInfo, Implementation, ImplementationStatus, Lesson, LessonKind
from lilla_ratten.storage import render

# (section in seed 003, district as in table 1.3, area, title, granted tkr, implementation planned?)
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
def slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii","ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+","-",s).strip("-")[:50].strip("-")
out = Path("sample_projects/utvecklingsmedel-2002-2003")
AREA = {"socialmedicin": "Socialmedicin", "sfi": "SFI", "arbetsmarknad": "Arbetsmarknad"}
NOTES = {
 "2.2.2": " Trots flera påminnelser har Rinkeby sdf (huvudman) inte redovisat några resultat och därmed inte uppfyllt kraven på uppföljning.",
}
LESSONS = {
 "2.1.1": [("L1", LessonKind.SUCCESS, "De största framgångsfaktorerna har varit att en ny kompetens kommit in i verksamheten genom konsultläkarens kunskaper, och samverkan mellan FK, vårdcentralen och försörjningsstödsenheten med ett gemensamt mål.")],
 "2.1.9": [("L1", LessonKind.CHALLENGE, "Det saknas idag ekonomiska resurser för att regelrätt kunna arbeta utifrån metoden; metoder och idéer kan ändå föras över till andra sektioner.")],
 "2.2.1": [("L1", LessonKind.CHALLENGE, "Samarbetsvårigheter inom projektet ledde till stora förseningar; en aktiv styrgrupp, kompetent projektledning och tydliga mätbara mål behövs.")],
}
for sec, district, area, title, tkr, impl in P:
    ident = f"5plus5-{sec.replace('.','-')}-{slug(title)}"
    unit = district if district == "Simba" else f"{district} stadsdelsförvaltning"
    p = Project(project=ProjectInfo(
        id=ident, name=title, organisation=district, unit=None,
        start=date(2002,1,1), end=date(2003,12,31),
        funding="Utvecklingsmedel 2002–2003 (socialtjänstnämnden och integrationsnämnden)",
        area=AREA[area], granted=tkr*1000,
        description=f"Seed 003, avsnitt {sec}. Beviljade medel {tkr} tkr. Period, belopp och implementering enligt rapporten; inget annat är känt." + NOTES.get(sec, "")),
        lessons=[Lesson(id=i, kind=k, text=t) for i, k, t in LESSONS.get(sec, [])],
        implementation=Implementation(status=ImplementationStatus.PLANNED if impl else ImplementationStatus.NOT_PLANNED))
    (out / f"{sec.replace('.','-')}-{slug(district)}-{slug(title)}.toml").write_text(render(p), encoding="utf-8")
print(len(P), sum(t for *_, t, _i in P))
