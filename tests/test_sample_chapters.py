"""Each sample's final report carries its real report's own chapters (issue 29 item 2).

For every sample, chosen sentences of the real report it reconstructs (copies of the reports in
``tests/data/seeds``) are looked for in the final report exported from the sample, in the
report's order among the form's fixed headings and the chapters' headings; each sentence must
occur in the real report (so a sample cannot drift from it) and exactly once in the export (so
a chapter never repeats what a fixed field already prints). Chosen sentences, not the whole
file: the other chapters and paragraphs are checked the same way by looking at the pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.test_cli import cli
from tests.test_documents import export, flat, needs_poppler, pdf_text

REPORTS = Path(__file__).parent / "data" / "seeds"  # copies of the real reports the samples reconstruct


def real_report(number: str) -> str:
    (path,) = REPORTS.glob(f"{number}_*.txt")
    return flat(path.read_text(encoding="utf-8").replace("*", ""))


def markdown(sample: Path) -> str:
    r = cli("--lang", "sv", "report", "final", str(sample), "--format", "md")
    assert r.returncode == 0, r.stderr
    # Markdown escapes ("0\\. Ingen planering") are not the report's words
    return "\n".join(re.sub(r"\\(.)", r"\1", line) for line in r.stdout.splitlines())


H = "heading"
# (sample, real report, [(H, a heading line of the export) or a sentence of the real report], in order)
CASES = {
    "ingen-ska-lamnas-utanfor-2": ("001", [
        (H, "## Sammanfattning"),
        "Med en vilja att förbättra barns levnadsvillkor har projektet fokuserat på arbetsmetoder som ska främja föräldrars stegvisa förflyttningar mot självförsörjning.",
        (H, "### Arbetssätt"),
        "Genom att frigöra en socialsekreterare att arbeta med ett begränsat antal barnfamiljer fokuserat mot självförsörjning har utrymme funnits",
        (H, "### Resultat"),
        "Resultatet har inneburit att sex föräldrar uppnått självförsörjning och 10 barn har fått se sina föräldrar gå vidare till arbete eller studier.",
        (H, "### Slutsatser"),
        "Projektet redovisar goda resultat beträffande barnfamiljers närmanden mot självförsörjning",
        (H, "## Inledning"),
        "I Stockholm stads arbete med de globala målen i Agenda 2030 återfinns målet - Ingen fattigdom.",
        "(Bergmark, Å. 2016)",
        "Efter inspiration från deras arbetsmodell \"Hela familjen\" har Enheten för ekonomi och arbete tagit fram",
        (H, "### Avgränsning"),
        "Till vår hjälp använde vi oss av nedanstående kategorisering/bedömningsinstrument:",
        "Förälder/föräldrar står relativt långt ifrån arbetsmarknaden.",
        "Exempel på barnfamiljer som inte valdes ut att ingå i projektet:",
        (H, "## Projektets arbetssätt"),
        (H, "### Samordning av resurser"),
        "Efter inspiration från arbetsmodellen ”Hela familjen” i Malmö stad har Enheten för ekonomi och arbete frigjort en socialsekreterare för att arbeta med enbart barnfamiljer.",
        "Inom ramen för projektet har jobbtorg avsatt en jobbcoach att arbeta med föräldrarna",
        (H, "### Familjeorienterat arbetssätt"),
        # a page break cut this sentence in the report ("sammanhållen | socialtjänst")
        "Det familjeorienterade arbetssättets grund är att barn och föräldrar ska möta en sammanhållen socialtjänst, där de kan prata om svårigheter",
        (H, "## Resultatredovisning"),
        "Under detta avsnitt presenteras på vilket sätt projektet har följts upp och utvärderats.",
        (H, "### Metod för uppföljning och utvärdering"),
        "0. Ingen planering/oklar planering mot självförsörjning.",
        "2. Deltar i insats/aktivitet via jobbtorg, Arbetsförmedlingen, sjukvården, stadsdelsförvaltningen genom samordningsförbundet FINSAM",
        "4. Självförsörjning genom arbete, studier, ersättningar Försäkringskassan, andra ersättningar etc.",
        (H, "### Mätvärden vid projektets start"),
        "Vid start hade enheten valt ut 20 barnfamiljer varav 28 föräldrar att ingå i projektet.",
        (H, "### Uppföljning och utvärdering"),
        "Projektet har sedan start följts upp systematiskt vid två tillfällen.",
        (H, "#### Oktober 2023"),
        "Uppföljningen visade också att två föräldrar hade förflyttat sig ett steg bakåt",
        (H, "#### Februari 2024"),
        "Ingen förälder hade förflyttat sig bakåt och hamnat längre ifrån självförsörjning.",
        (H, "### Mätvärden vid projektets slut"),
        (H, "### Sammanfattning resultat"),
        "I de barnfamiljer som ingått i projektet fanns 60 minderåriga barn.",
        (H, "## Stegförflyttning mot självförsörjning"),
        (H, "## Jämställdhet"),
        "En övervägande del av föräldrarna i projektet utgjordes av kvinnor, och cirka 67 procent av föräldrarna var ensamstående kvinnor med barn.",
        (H, "### Framgångsfaktorer"),
        "En av de framgångsfaktorer som lyfts är det täta samarbetet jobbcoach och socialsekreterare emellan",
        (H, "### Utmaningar"),
        # the quote
        "\"först har föräldrarna behövt förstå vilka krav som ställs för att ha rätt till ekonomiskt bistånd och varför",
        (H, "## Strategiskt värde för staden som helhet"),
        "En intersektionell analys hade kunnat ge mer kunskap om svårigheter utifrån kön och andra markörer så som etnicitet, ålder, funktionsnedsättning m.fl. för att kunna erbjuda adekvata insatser",
        (H, "## Referenser, källor"),
        "https://motenmedborgarportal.malmo.se/",
    ]),
    "barnperspektivet-ekonomiskt-bistand": ("000", [
        (H, "### Avgränsningar"),
        (H, "### Projektets genomförande"),
        "Projektet arbetade enligt Stockholms stads projektstyrningsmodell Lilla Ratten.",
        "För att få in synpunkter utifrån skapades en referentgrupp med representanter från andra verksamhetsområden och organisationer.",
        "Förslag till handbok togs fram i början av april och skickades ut på remiss till enheterna.",
        "Sammanställningen av familjeintervjuerna försenades",
        (H, "### Milstolpar"),
        (H, "#### Projektmål"),
        "Samtliga projektmål har mätts och är i huvudsak uppfyllda.",
        "Introduktion av nyanställda kommer att ske genom att handboken ska ingå i det introduktionspaket",
        "Samtliga medarbetare har bjudits in till två föreläsningar om barnperspektiv som hållits av framstående experter på området.",
        "Planerings- och metoddagar har hållits.",
        "Länsstyrelsen tackade nej till att träffa projektet, vilket är den enda avvikelserna i projektmålen.",
        (H, "### Tidsplan"),
        # a page break cut this sentence in the report ("inte haft | möjlighet")
        "Huvuddelen av projektgruppen har också, på grund av tidsbrist, inte haft möjlighet att delta",
        (H, "## Arbetssätt"),
        "Projektorganisationen har, förutom tidspressen för projektgruppen, till största delen fungerat bra.",
        "Samarbetsklimatet inom projektet har varit mycket gott.",
        (H, "## Övrigt"),
        "kontakta gärna Annelie Sjöberg på telefonnummer 08-508 01 513.",
    ]),
    "systematisk-uppfoljning-ensamkommande": ("002", [
        (H, "## Behov"),
        "Redogör kortfattat för de brister som insatsen avsåg att lösa.",
        "Uppföljningsmodellen kommer inom ramen för FoU och boendechefsnätverket sannolikt att användas kommande år.",
        "Strukturpåverkan har uppnåtts med insatsen.",
        (H, "## Syfte"),
        "Syftet i ansökan är formulerad enligt följande:",
        (H, "## Mål med insatsen"),
        "Genomförande, analys och återkoppling kommer ske Skaraborgsövergripande.",
        (H, "## Åtgärd och metod"),
        "Således de parametrar som krävs för att arbeta i en evidensbaserad praktik.",
        (H, "### Övriga åtgärder inom projektet"),
        "En uppsats på C-nivå skrevs av två studenter vis socialpsykologiska programmet",
        "Samarbetet med Högskolan i Skövde kring fördjupningsstudier är fortgående",
        "FoU-cirkel med 11 enhetschefer för HVB för ensamkommande barn är genomförts",
        "Projektledaren fungerade tom augusti 2014 som stöd till de sedan tidigare utvecklade professionella nätverk",
        (H, "## Uppföljning och utvärdering"),
        (H, "## Barnperspektiv"),
        "Varje barn har rätt att uttrycka sin mening och höras i alla frågor som rör henne/honom.",
        "Ett barn som berövats sin familjemiljö har rätt till alternativ omvårdnad.",
        (H, "## Samverkan"),
        "Förankringsarenor är och har varit Skaraborgs IFO-chefer, socialchefer, boendechefer för boenden för ensamkommande samt socialnämndsordföranden.",
        (H, "## Information"),
        "En erfarenhet som finns är att barnens perspektiv ofta glöms bort",
        (H, "## Implementering"),
        "Implementeringsdelen har inte följt projektplanen.",
        "För övrigt är den fortsatta implementeringen och användandet av modellen att betrakta som en del i befintlig FoU-verksamhet",
        (H, "## Ekonomi"),
        "I samförstånd med Anna Ahlborg, Länsstyrelsen, redovisas ekonomi när en pågående diskussion med ett konsultbolag är avslutad.",
        "OBS! Därutöver ska utdrag ur huvudboken bifogas slutrapporten.",
        (H, "## Sammanfattande bedömning"),
        "Projektet har som ovan beskrivits i stort uppnått såväl sitt mål som strukturell påverkan.",
        "Det tips som finns att ge är framförallt att Ett projekt behöver sin projektledare.",
        "Styrgruppsmöten har ändå hållit som planerats, däremellan har kommunikation skett mailledes.",
    ]),
    "utvecklingsmedel-2002-2003/2-1-1-skarholmen-myndighetssamverkan": ("003", [
        (H, "### Projektbeskrivning"),
        "Att halvera antalet personer som uppbär socialbidrag/försörjningsstöd från 1999 till 2004.",
        (H, "### Målgrupp"),
        "Sjukskrivna bidragstagare. Grupper som idag inte bedöms stå till arbetsmarknadens förfogande.",
        (H, "## Stadsdelsförvaltningens erfarenheter och slutsatser"),
        "De största framgångsfaktorerna har varit att en ny kompetens kommit in i verksamheten genom konsultläkarens kunskaper.",
        (H, "## Implementering och fortsatt arbete"),
        "En arbetsmetod som används inom ordinarie verksamhet sedan hösten 2003.",
        (H, "### Stadsdelsförvaltningens förslag till fortsatt arbete"),
        "På den sista nätverksträffen den 10 november 2003 framförde stadsdelsförvaltningarna i det socialmedicinska nätverket",
    ]),
    "utvecklingsmedel-2002-2003/2-1-2-kungsholmen-ratt-insats-for-att-minska-forsorjningsstod-riff": ("003", [
        (H, "### Målgrupp"),
        "”Grå – zons ärenden” med socialmedicinska hinder.",
        (H, "## Stadsdelsförvaltningens erfarenheter och slutsatser"),
        "Framgångsfaktorer har bl. a varit bra samverkan i Kungsholmsnätet",
        "Individuell matchning av individerna gjorts och en handlingsplan har utarbetats utifrån varje individs behov.",
        (H, "## Implementering och fortsatt arbete"),
        "Arbetssättet i projektet presenteras och resultatet sprids inom den ordinarie verksamheten",
    ]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_final_report_carries_its_real_reports_chapters_in_order(name):
    number, wanted = CASES[name]
    report = real_report(number)
    md = markdown(SAMPLES / f"{name}.toml")
    lines = md.splitlines()
    text = flat(md)
    at = -1
    for item in wanted:
        if isinstance(item, tuple):
            heading = item[1]
            assert lines.count(heading) == 1, heading
            # a heading's place in the flattened text: the text up to its line
            here = len(flat("\n".join(lines[: lines.index(heading)]))) + 1
        else:
            assert item in report, f"not in the real report: {item}"
            assert text.count(item) == 1, f"{text.count(item)} times in the export: {item}"
            here = text.index(item)
        assert here > at, f"out of order: {item}"
        at = here


def test_what_the_samples_leave_out_is_not_printed():
    """The coordinator's comments are the committee's words, not the district's; a pointer to
    another section means nothing in a project's own report; a footnote is not the text; a
    sentence pointing at the real report's pie chart would point at nothing here."""
    riff = flat(markdown(SAMPLES / "utvecklingsmedel-2002-2003/2-1-2-kungsholmen-ratt-insats-for-att-minska-forsorjningsstod-riff.toml"))
    assert "Samordnaren" not in riff and "Se under" not in riff
    assert "I Kungsholmsnätet ingår aktörerna" not in riff  # the report's footnote 6
    assert "har projektet använt en strukturerad arbetsmetod." in riff  # "strukture- | ⁶ … | rad" joined again
    lum = flat(markdown(SAMPLES / "ingen-ska-lamnas-utanfor-2.toml"))
    assert "cirkeldiagram" not in lum and "diagrammet nedan" not in lum
    assert "INNEHÅLL" not in lum  # the report's table of contents: its page numbers are its own layout's


@needs_poppler
def test_the_chapters_reach_the_pdf_in_order(tmp_path):
    out = tmp_path / "lum.pdf"
    assert export("final", SAMPLES / "ingen-ska-lamnas-utanfor-2.toml", "pdf", out).returncode == 0
    text = flat(pdf_text(out))
    order = ["Arbetssätt Genom att frigöra", "Inledning I Stockholm stads arbete", "Samordning av resurser",
             "Familjeorienterat arbetssätt", "Metod för uppföljning och utvärdering", "Oktober 2023", "Februari 2024",
             "Sammanfattning resultat", "Stegförflyttning mot självförsörjning", "Referenser, källor"]
    positions = [text.find(words) for words in order]
    assert -1 not in positions, [w for w, p in zip(order, positions) if p < 0]
    assert positions == sorted(positions)
